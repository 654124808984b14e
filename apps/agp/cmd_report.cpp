// agp report: the annual evaluation report of the employer policy (issue 6) as HTML, PDF or XLSX,
// for an audience whose suppression it applies (DESIGN §4 small numbers, §6 roles).
#include <cstdio>
#include <memory>
#include <string>

#include "audit.h"
#include "command.h"
#include "core/clock.h"
#include "data_dir.h"
#include "metrics/access.h"
#include "metrics/reference.h"
#include "metrics/results.h"
#include "report/report.h"
#include "store/database.h"

namespace agp::app {

namespace {

struct ReportOptions {
  std::string period;
  std::string out;
  std::string audience = "public";
  std::string unit;
  std::string policy;
  std::string chromium;
  int min_group = 5;
};

int Fail(const core::Error& e) {
  std::fprintf(stderr, "agp: %s\n", e.ToString().c_str());
  switch (e.code()) {
    case core::ErrorCode::kUsage:
      return kExitUsage;
    case core::ErrorCode::kInvalidInput:
      return kExitBadData;
    default:
      return kExitFailure;
  }
}

int Report(const GlobalOptions* g, const ReportOptions& o) {
  const auto period = PeriodOption(o.period);
  if (!period) return kExitUsage;
  const auto audience = report::ParseAudience(o.audience);
  if (!audience) {
    std::fprintf(stderr, "agp: --audience må være public, union eller admin\n");
    return kExitUsage;
  }
  auto opened = store::OpenSqlite(g->db_path, {.create = false});
  if (!opened.ok()) return Fail(opened.error());
  store::Database& db = **opened;
  auto cube = metrics::LoadResults(db);
  if (!cube.ok()) return Fail(cube.error());
  auto reference =
      metrics::ReferenceFigures::Load((DataDir() / "reference" / "national.csv").string());
  if (!reference.ok()) return Fail(reference.error());
  core::SystemClock clock;
  auto sources = report::LoadReportSources(db, o.policy, *period, clock.Today());
  if (!sources.ok()) return Fail(sources.error());

  report::ReportInput in;
  report::UseSources(*sources, &in);
  in.cube = &*cube;
  in.reference = &*reference;
  in.audience_kind = *audience;
  in.audience =
      *audience == report::Audience::kAdmin
          ? metrics::Audience::Everything()
          : metrics::AudienceFor(
                *audience == report::Audience::kUnion ? core::Role::kUnion : core::Role::kViewer,
                {}, *cube, o.min_group);
  in.min_group = o.min_group;
  in.period = *period;
  in.unit = o.unit;
  in.generated_on = clock.Today().ToIso();
  auto built = report::BuildReport(in);
  if (!built.ok()) return Fail(built.error());

  report::PdfOptions pdf;
  pdf.chromium = o.chromium;
  if (core::Status written = report::WriteReport(*built, o.out, pdf); !written.ok()) {
    return Fail(written.error());
  }
  // A report for HR shows small groups: who wrote one, and for whom, goes to the audit log.
  if (int status = Audit(db, clock, "report", sources->policy.id,
                         o.period + " " + o.audience + (o.unit.empty() ? "" : " " + o.unit));
      status != kExitOk) {
    return status;
  }
  std::printf(
      "%s: %s %s, %d mål (%d nådd, %d i rute, %d ikke i rute, %d mangler tall, %d uten "
      "mål), %d tiltak; %s.\n",
      o.out.c_str(), sources->policy.id.c_str(), o.period.c_str(), built->goals,
      built->status_counts[0], built->status_counts[1], built->status_counts[2],
      built->status_counts[3], built->status_counts[4], built->measures,
      report::AudienceLabel(*audience));
  return kExitOk;
}

}  // namespace

Command ReportCommand() {
  return {"report", "The annual evaluation report as .html, .pdf or .xlsx (issue 6)",
          [](CLI::App* cmd, const GlobalOptions* g) {
            auto o = std::make_shared<ReportOptions>();
            cmd->add_option("--period", o->period, "Period reported on: 2024 (or 2024-T1 …)")
                ->required();
            cmd->add_option("--out", o->out, "FILE.html, FILE.pdf or FILE.xlsx")->required();
            cmd->add_option("--audience", o->audience,
                            "public (default) or union: small groups suppressed; admin: all")
                ->check(CLI::IsMember({"public", "union", "admin"}));
            cmd->add_option("--unit", o->unit, "Only this unit's subtree (a unit_id)");
            cmd->add_option("--policy", o->policy,
                            "Policy id (default: the one in force in the period)");
            cmd->add_option("--min-group", o->min_group,
                            "Minimum group size for public and union (default 5)")
                ->check(CLI::Range(1, 1000000));
            cmd->add_option("--chromium", o->chromium,
                            "Browser that prints the PDF (default: chromium on PATH)");
            return std::function<int()>([g, o] { return Report(g, *o); });
          }};
}

}  // namespace agp::app
