// The annual evaluation report (DESIGN.md §2 "report", issue 6): everything the chief executive
// reports to the council, AMU and the parties about the employer policy for one period, gathered
// once from the policy, its assessments and the indicator results, then written as HTML, PDF or
// XLSX. Every figure is read through metrics::FigureBook, so suppression for the report's
// audience is decided below this layer, exactly as for the web pages and `agp indicators`.
#pragma once

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"
#include "core/period.h"
#include "followup/measures.h"
#include "metrics/cells.h"
#include "metrics/measure_cube.h"
#include "metrics/reference.h"
#include "metrics/suppression.h"
#include "policy/evaluation.h"
#include "policy/policy.h"
#include "report/pdf_print.h"
#include "store/database.h"

namespace agp::report {

// Who the report is written for. `public` (the council, anyone) and `union` (tillitsvalgte,
// verneombud, AMU) see aggregates with small groups suppressed; `admin` (HR) sees every figure and
// the report says it is not for distribution; `leader` (from the web app only) sees small groups
// in the leader's own units and is marked the same way.
enum class Audience { kPublic, kUnion, kAdmin, kLeader };
std::optional<Audience> ParseAudience(std::string_view key);  // "public" | "union" | "admin"
const char* AudienceKey(Audience a);
// "Offentlig", "For tillitsvalgte og AMU", "Internt, HR (ikke for offentliggjøring)".
const char* AudienceLabel(Audience a);

struct ReportInput {
  const policy::Policy* policy = nullptr;
  int policy_version = 0;
  const std::vector<store::AssessmentRecord>* assessments = nullptr;  // may be null
  const metrics::MeasureCube* cube = nullptr;
  const metrics::ReferenceFigures* reference = nullptr;  // may be null: no national figures
  metrics::Audience audience;                            // the suppression the reader gets
  Audience audience_kind = Audience::kPublic;
  core::Period period = core::Period::Year(2000);  // the period reported on (a year, usually)
  std::string unit;           // a unit key: the report covers that subtree; "" the whole
  int64_t data_version = 0;   // the data the figures come from
  std::string imported_at;    // when that data was imported (UTC, ISO), "" when unknown
  std::string imported_from;  // the package's name, "" when unknown
  std::string generated_on;   // ISO date the report is written
  int min_group = 5;          // the suppression threshold, for the method appendix
  int trend_years = 5;        // years in each trend chart, ending with the period's year
  // The measures in execution (DESIGN §10.3) of `policy`; null: the report shows the plan's own
  // words (owner, due date, status as written). For one unit, the measures of its subtree and
  // those no unit carries out yet.
  const followup::MeasureBook* measures = nullptr;
};

// One point of a trend: the figure for a year beside the national figure published for it.
struct TrendPoint {
  core::Period period = core::Period::Year(2000);
  metrics::Cell cell;
  bool has_cell = false;           // false: the year is not computed or has no figure
  std::optional<double> national;  // the national figure for exactly that year
};

// One unit of a breakdown.
struct UnitFigure {
  int unit = -1;  // index into the cube
  std::string key, name;
  metrics::Cell cell;
  bool has_cell = false;
};

// One indicator line of a goal, with its figure, target, trend and breakdown.
struct IndicatorBlock {
  std::string key;  // "sick_leave_pct", "pay_ratio_women_men:7174"
  int unit = -1;    // the unit the figure is for (the scope, or the report's unit)
  std::string unit_key, unit_name;
  std::optional<policy::Target> target;
  std::string target_words;  // "høyst 6,5 % innen 31. desember 2025", "uten mål"
  policy::GoalStatus status = policy::GoalStatus::kNoTarget;
  std::string rule;  // the rule that decided the status: "7,9 > 6,5 …"
  metrics::Cell current;
  bool has_current = false;
  const metrics::ReferenceFigure* national = nullptr;  // for the period (or the latest before)
  std::vector<TrendPoint> trend;                       // trend_years points, oldest first
  std::vector<UnitFigure> breakdown;                   // the unit's children, in the cube's order
};

// One node of the policy, in document order.
struct NodeBlock {
  const policy::Node* node = nullptr;
  int depth = 0;
  std::string number;  // "1", "1.2", "1.2.3": the heading number
  bool goal = false;
  policy::GoalStatus status = policy::GoalStatus::kNoTarget;  // for goals
  std::vector<IndicatorBlock> indicators;
  std::optional<store::AssessmentRecord> assessment;     // the one that counts for the period
  std::vector<const followup::MeasureState*> execution;  // with ReportInput::measures
};

struct Report {
  ReportInput input;  // the pointers stay the caller's
  // The policy the report reads: the input's, with each indicator that has no scope scoped to
  // the report's unit when the report is for one unit. `nodes` point into it.
  std::shared_ptr<const policy::Policy> policy;
  std::string unit_name;  // the report's unit (the root's name for the whole organisation)
  std::vector<NodeBlock> nodes;
  std::array<int, 5> status_counts{};  // goals per policy::GoalStatus
  int goals = 0;
  int measures = 0;
  // With ReportInput::measures: the report's measures per followup::MeasureStatus, and how many
  // are overdue on the day the measures were read.
  std::array<int, 5> measure_status_counts{};
  int measures_overdue = 0;
  // Every indicator key the report shows (base keys, registry order), for the method appendix.
  std::vector<std::string> indicators_used;
};

// Gathers the report. Errors: the period is not computed (kNotFound), the unit is unknown
// (kUsage), a required input is missing (kUsage).
core::Result<Report> BuildReport(const ReportInput& input);

// Anchors of the table of contents: "sammendrag", "n-<node id>" for each top-level node,
// "metode". Their page numbers are known only after printing (WritePdf prints twice).
std::vector<std::pair<std::string, std::string>> TocEntries(
    const Report& report);  // (anchor, text)

struct HtmlOptions {
  // Page numbers for the table of contents, by anchor; empty: the contents list has none
  // (the HTML file), "00" placeholders when `reserve_page_numbers` (the PDF's first pass).
  std::map<std::string, int> toc_pages;
  bool reserve_page_numbers = false;
};

// A self-contained HTML document (styles and SVG charts inline, no scripts, no external
// resources) that prints on A4 with page numbers in the footer (CSS @page margin boxes).
std::string RenderHtml(const Report& report, const HtmlOptions& options = {});

// An XLSX workbook: "Mål" (every goal's status), one sheet per top-level node with its figures,
// "Indikatorer" (every figure of the report), numbers as numbers.
core::Status WriteXlsx(const Report& report, const std::string& path);

// Prints the report's HTML to PDF with headless Chromium (pdf_print.h), with page numbers and a
// table of contents that names each section's page. Errors: Chromium is not installed
// (kNotFound; the message names the Debian package `chromium`), printing failed (kIo).
core::Status WritePdf(const Report& report, const std::string& path,
                      const PdfOptions& options = {});

// Writes the format the path's extension names (.html, .pdf, .xlsx). kUsage for another.
core::Status WriteReport(const Report& report, const std::string& path, const PdfOptions& pdf = {});

}  // namespace agp::report

namespace agp::report {

// What a report reads from the database besides the results: the policy version, its assessments
// and where the data came from. The CLI and the web app gather it the same way.
struct ReportSources {
  policy::Policy policy;
  int policy_version = 0;
  std::vector<store::AssessmentRecord> assessments;
  int64_t data_version = 0;
  std::string imported_at, imported_from;  // of the import that made the data version
  followup::MeasureBook measures;          // the policy's measures in execution on `today`
};

// Reads the newest version of `policy_key`; with an empty key, the policy in force on the
// period's count date (valid from … to), the one loaded last when several are, else the one
// loaded last; with its measures' execution as it stands on `today`. Errors: no policy is stored
// or the key is unknown (kUsage).
core::Result<ReportSources> LoadReportSources(store::Database& db, const std::string& policy_key,
                                              const core::Period& period, core::Date today);

// Fills the input's policy, assessment and data fields from `sources` (which must outlive it).
void UseSources(const ReportSources& sources, ReportInput* input);

}  // namespace agp::report
