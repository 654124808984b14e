// agp heltid calc | check | rota: the weekend calculator of a staffing plan, the check of a rota
// against the plan and the working-time rules, and the building of a rota (DESIGN §12), written
// as the CSV contract or, for people, as XLSX, PDF or HTML (report/rota_export.h).
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "command.h"
#include "core/clock.h"
#include "data_dir.h"
#include "demo_staffing.h"
#include "ingest/csv_reader.h"
#include "ingest/text_decode.h"
#include "ingest/xlsx_reader.h"
#include "report/rota_export.h"
#include "staffing/calculator.h"
#include "staffing/plan.h"
#include "staffing/rota.h"
#include "staffing/rota_build.h"
#include "staffing/working_time.h"

namespace agp::app {
namespace {

struct HeltidOptions {
  std::string plan, rota, sheet, format = "table", date, staff, out, unit, chromium;
  int weeks = 6;
  double time_limit = 60;
  int threads = 2;
  uint64_t seed = 1;
  double weekend_frequency = 3;
  double full_time_hours = staffing::kRotaFullTimeHours;
  bool agreed_rest = false;
};

std::string FileName(const std::string& path) { return path.substr(path.find_last_of('/') + 1); }

// A CSV file or an XLSX sheet opened with ingest's readers, as the import opens a package's
// tables; the staffing layer reads its rows.
struct OpenedTable {
  std::string name;  // as messages call it: "plan.csv", "plan.xlsx[Ark1]"
  std::string text;  // a CSV's decoded text, which the reader points into
  std::unique_ptr<core::TableReader> reader;
  bool spreadsheet = false;
};

// The table at `path` (an .xlsx: the sheet `sheet`, or the first), or the error (kIo when the
// file cannot be read).
core::Result<std::unique_ptr<OpenedTable>> OpenTable(const std::string& path,
                                                     const std::string& sheet = {}) {
  auto t = std::make_unique<OpenedTable>();
  t->name = FileName(path);
  std::string bytes;
  if (!ReadFileBytes(path, &bytes)) {
    return core::Error(core::ErrorCode::kIo, "kan ikke lese filen", {t->name});
  }
  if (staffing::LowerAscii(t->name).ends_with(".xlsx")) {
    auto book = ingest::XlsxWorkbook::OpenBytes(t->name, std::move(bytes));
    if (!book.ok()) return book.error();
    if (book->sheet_names().empty()) {
      return core::Error(core::ErrorCode::kInvalidInput, "arbeidsboken har ingen ark", {t->name});
    }
    const std::string wanted = sheet.empty() ? book->sheet_names().front() : sheet;
    auto reader = book->OpenSheet(wanted);
    if (!reader.ok()) return reader.error();
    t->name += "[" + wanted + "]";
    t->reader = std::move(*reader);
    t->spreadsheet = true;
    return t;
  }
  auto text = ingest::DecodeText(std::move(bytes), t->name);
  if (!text.ok()) return text.error();
  t->text = std::move(text->text);
  t->reader = std::make_unique<ingest::CsvReader>(t->name, t->text);
  return t;
}

// The plan, or nullopt after every error and warning went to stderr and `*status` says how to
// exit: 3 when the file cannot be read, 2 when it is wrong. `*name` (when given) gets what
// messages call the plan: "plan.csv", "plan.xlsx[Ark1]".
std::optional<staffing::Plan> LoadPlan(const HeltidOptions& o, int* status,
                                       std::string* name = nullptr) {
  auto table = OpenTable(o.plan, o.sheet);
  if (!table.ok()) {
    std::fprintf(stderr, "%s\n", table.error().ToString().c_str());
    *status = table.error().code() == core::ErrorCode::kIo ? kExitFailure : kExitBadData;
    return std::nullopt;
  }
  if (name != nullptr) *name = (*table)->name;
  staffing::PlanRead read =
      staffing::ReadPlan(*(*table)->reader, (*table)->name, (*table)->spreadsheet);
  for (const core::Error& w : read.warnings) {
    std::fprintf(stderr, "advarsel: %s\n", w.ToString().c_str());
  }
  *status = kExitBadData;
  for (const core::Error& e : read.errors) {
    std::fprintf(stderr, "%s\n", e.ToString().c_str());
    if (e.code() == core::ErrorCode::kIo) *status = kExitFailure;
  }
  return std::move(read.plan);
}

nlohmann::json FiguresJson(const std::vector<staffing::Figures>& scenarios) {
  nlohmann::json out = nlohmann::json::array();
  for (const staffing::Figures& s : scenarios) {
    nlohmann::json j = {
        {"scenario", s.key},
        {"label", s.label},
        {"weekend_frequency", s.weekend_frequency},
        {"full_time_hours", s.full_time_hours},
        {"week_hours", s.week_hours},
        {"weekend_hours", s.weekend_hours},
        {"fte", s.fte},
        {"weekend_shift_hours", s.weekend_shift_hours},
        {"weekend_persons", s.weekend_persons},
        {"min_position_size", 100 * s.min_position},
        {"weekends_bind", s.weekends_bind},
        {"persons", s.persons},
        {"fulltime_positions", s.fulltime_positions},
        {"mean_position_size", s.mean_position_size},
        {"fulltime_frequency",
         s.fulltime_frequency ? nlohmann::json(*s.fulltime_frequency) : nlohmann::json(nullptr)},
    };
    out.push_back(std::move(j));
  }
  return out;
}

int CalcCommand(const HeltidOptions& o) {
  int status = kExitOk;
  const auto plan = LoadPlan(o, &status);
  if (!plan) return status;
  const std::vector<staffing::Figures> scenarios =
      staffing::Scenarios(*plan, o.weekend_frequency, o.full_time_hours);
  if (o.format == "csv") {
    std::fputs(staffing::FiguresCsv(scenarios).c_str(), stdout);
  } else if (o.format == "json") {
    std::printf("%s\n", FiguresJson(scenarios).dump(2).c_str());
  } else {
    std::fputs(staffing::FiguresTable(*plan, scenarios).c_str(), stdout);
  }
  return kExitOk;
}

}  // namespace

core::Result<staffing::WorkingTimeRules> ReadWorkingTimeRules() {
  auto table = OpenTable((DataDir() / "reference" / "working_time.csv").string());
  if (!table.ok()) return table.error();
  return staffing::WorkingTimeRules::Read(*(*table)->reader, (*table)->name);
}

namespace {

// The rules in force on --date (default today), or nullopt after saying why (`*status`).
std::optional<staffing::RotaRules> LoadRules(const HeltidOptions& o, int* status) {
  auto data = ReadWorkingTimeRules();
  if (!data.ok()) {
    std::fprintf(stderr, "agp: %s\n", data.error().ToString().c_str());
    *status = kExitFailure;
    return std::nullopt;
  }
  core::Date day = core::SystemClock().Today();
  if (!o.date.empty()) {
    const auto d = core::ParseDate(o.date);
    if (!d) {
      std::fprintf(stderr, "agp: --date %s is not a date (YYYY-MM-DD)\n", o.date.c_str());
      *status = kExitUsage;
      return std::nullopt;
    }
    day = *d;
  }
  auto rules = staffing::RotaRules::FromData(*data, day, o.weekend_frequency, o.full_time_hours,
                                             o.agreed_rest);
  if (!rules.ok()) {
    std::fprintf(stderr, "agp: %s\n", rules.error().ToString().c_str());
    *status = kExitFailure;
    return std::nullopt;
  }
  return *rules;
}

// Every finding, each person's totals and the verdict; the exit status.
int Report(const staffing::Rota& rota, const staffing::RotaCheck& check) {
  for (const staffing::RotaFinding& f : check.broken) std::printf("brudd: %s\n", f.text.c_str());
  for (const staffing::RotaFinding& f : check.uncovered) {
    std::printf("udekket: %s\n", f.text.c_str());
  }
  int fulltime = 0;
  for (size_t i = 0; i < rota.persons.size(); ++i) {
    const staffing::RotaPerson& p = rota.persons[i];
    const staffing::PersonTotals& t = check.persons[i];
    if (p.position_size >= 100) ++fulltime;
    std::printf("%s: %g %%, %.1f t av %.1f t, %d helger\n", p.name.c_str(), p.position_size,
                t.paid_minutes / 60.0, t.target_minutes / 60.0, t.weekends);
  }
  std::printf("%d personer, %d i heltid\n", static_cast<int>(rota.persons.size()), fulltime);
  std::printf("%s; %s\n",
              check.keeps_rules() ? "alle regler holdt"
                                  : (std::to_string(check.broken.size()) + " regelbrudd").c_str(),
              check.covers_plan()
                  ? "hele planen dekket"
                  : (std::to_string(check.uncovered.size()) +
                     (check.uncovered.size() == 1 ? " vakt ikke dekket" : " vakter ikke dekket"))
                        .c_str());
  return check.keeps_rules() && check.covers_plan() ? kExitOk : kExitBadData;
}

// Whether --out names a format a rota is written in; says why not on stderr.
bool OutFormatKnown(const HeltidOptions& o) {
  if (o.out.empty()) return true;
  auto format = report::RotaFormatFor(o.out);
  if (!format.ok()) std::fprintf(stderr, "agp: %s\n", format.error().message().c_str());
  return format.ok();
}

// Writes the rota to --out in the format its extension names; the exit status on failure
// (3 when the file cannot be written or Chromium is missing), kExitOk otherwise.
int WriteOut(const HeltidOptions& o, const staffing::Plan& plan, const staffing::Rota& rota,
             const staffing::RotaRules& rules, const std::string& plan_name) {
  report::RotaDocument doc;
  doc.plan = &plan;
  doc.rota = &rota;
  doc.rules = &rules;
  doc.unit = o.unit;
  doc.plan_label = plan_name;
  doc.made_on = core::SystemClock().Today().ToIso();
  report::PdfOptions pdf;
  pdf.chromium = o.chromium;
  if (core::Status written = report::WriteRota(doc, o.out, pdf); !written.ok()) {
    std::fprintf(stderr, "agp: %s\n", written.error().ToString().c_str());
    return written.error().code() == core::ErrorCode::kUsage ? kExitUsage : kExitFailure;
  }
  return kExitOk;
}

int RotaCommand(const HeltidOptions& o) {
  if (!OutFormatKnown(o)) return kExitUsage;
  int status = kExitOk;
  std::string plan_name;
  const auto plan = LoadPlan(o, &status, &plan_name);
  if (!plan) return status;
  const auto rules = LoadRules(o, &status);
  if (!rules) return status;
  std::vector<staffing::StaffMember> staff;
  if (!o.staff.empty()) {
    auto table = OpenTable(o.staff);
    if (!table.ok()) {
      std::fprintf(stderr, "%s\n", table.error().ToString().c_str());
      return table.error().code() == core::ErrorCode::kIo ? kExitFailure : kExitBadData;
    }
    std::vector<core::Error> errors;
    auto read = staffing::ReadStaff(*(*table)->reader, (*table)->name, &errors);
    for (const core::Error& e : errors) std::fprintf(stderr, "%s\n", e.ToString().c_str());
    if (!read) return kExitBadData;
    staff = std::move(*read);
  } else {
    // The calculator's staffing: as many full-time positions as its arithmetic allows.
    staff =
        staffing::ProposedStaff(staffing::Calculate(*plan, o.weekend_frequency, o.full_time_hours));
  }
  staffing::RotaOptions options;
  options.time_limit_seconds = o.time_limit;
  options.threads = o.threads;
  options.seed = o.seed;
  const staffing::RotaResult r = staffing::BuildRota(*plan, *rules, o.weeks, staff, options);
  if (!r.found) {
    std::fprintf(stderr,
                 "agp: no rota keeps the hours of these %d persons and the rules (%.1f s); "
                 "try other position sizes or another weekend frequency\n",
                 static_cast<int>(staff.size()), r.seconds);
    return kExitBadData;
  }
  if (int written = WriteOut(o, *plan, r.rota, *rules, plan_name); written != kExitOk) {
    return written;
  }
  std::printf("rota for %d uker skrevet til %s (%.1f s, %d reparasjonsrunder)\n", o.weeks,
              o.out.c_str(), r.seconds, r.repairs);
  return Report(r.rota, r.check);
}

int CheckCommand(const HeltidOptions& o) {
  if (!OutFormatKnown(o)) return kExitUsage;
  int status = kExitOk;
  std::string plan_name;
  const auto plan = LoadPlan(o, &status, &plan_name);
  if (!plan) return status;
  auto table = OpenTable(o.rota);
  if (!table.ok()) {
    std::fprintf(stderr, "%s\n", table.error().ToString().c_str());
    return table.error().code() == core::ErrorCode::kIo ? kExitFailure : kExitBadData;
  }
  std::vector<core::Error> errors;
  const auto rota = staffing::ReadRota(*(*table)->reader, *plan, (*table)->name, &errors);
  for (const core::Error& e : errors) std::fprintf(stderr, "%s\n", e.ToString().c_str());
  if (!rota) return kExitBadData;
  const auto rules = LoadRules(o, &status);
  if (!rules) return status;
  if (!o.out.empty()) {
    if (int written = WriteOut(o, *plan, *rota, *rules, plan_name); written != kExitOk) {
      return written;
    }
    std::printf("turnusen skrevet til %s\n", o.out.c_str());
  }
  return Report(*rota, staffing::CheckRota(*plan, *rota, *rules));
}

constexpr const char* kOutHelp =
    "Where to write the rota, by extension: FILE.csv (the contract of §12), FILE.xlsx, FILE.pdf "
    "(A4 landscape, needs chromium) or FILE.html; the last three name every broken rule and "
    "uncovered shift";

}  // namespace

Command HeltidCommand() {
  return {
      "heltid", "Heltid: the staffing plan's weekend calculator and rota checks (DESIGN §12)",
      [](CLI::App* cmd, const GlobalOptions*) {
        cmd->require_subcommand(1);
        auto o = std::make_shared<HeltidOptions>();
        auto common = [&](CLI::App* sub) {
          sub->add_option("plan", o->plan, "The staffing plan (.csv or .xlsx)")->required();
          sub->add_option("--sheet", o->sheet, "The plan's sheet in an .xlsx (default: the first)");
          sub->add_option("--weekend-frequency", o->weekend_frequency,
                          "Everyone works every F-th weekend (default 3)")
              ->check(CLI::Range(1.0, 12.0));
          sub->add_option("--full-time-hours", o->full_time_hours,
                          "Hours of a full-time week (default 35.5; 33.6 fully continuous)")
              ->check(CLI::Range(1.0, 60.0));
        };
        CLI::App* calc = cmd->add_subcommand(
            "calc", "What the plan gives in persons and full-time positions, scenario by scenario");
        common(calc);
        calc->add_option("--format", o->format, "table (default), csv or json")
            ->check(CLI::IsMember({"table", "csv", "json"}));
        CLI::App* check = cmd->add_subcommand(
            "check",
            "Check a rota (CSV of §12) against the plan and the working-time rules; with --out "
            "write it with every finding named");
        common(check);
        check->add_option("rota", o->rota, "The rota (person,position_size,day1,…)")->required();
        CLI::App* rota = cmd->add_subcommand(
            "rota",
            "Build a rota for the plan that keeps the rules, check it, and write it as CSV, "
            "XLSX, PDF or HTML");
        common(rota);
        rota->add_option("--weeks", o->weeks, "The rota's period in weeks (6, 8 or 12)")
            ->check(CLI::IsMember({6, 8, 12}));
        rota->add_option("--staff", o->staff,
                         "Persons and position sizes (CSV person,position_size); default: as "
                         "many full-time positions as the calculator allows");
        rota->add_option("--time-limit", o->time_limit, "Seconds (default 60)")
            ->check(CLI::Range(0.1, 86400.0));
        rota->add_option("--threads", o->threads, "Threads (default 2)")->check(CLI::Range(1, 64));
        rota->add_option("--seed", o->seed, "Random seed (default 1)");
        rota->add_option("--out", o->out, kOutHelp)->required();
        check->add_option("--out", o->out, kOutHelp);
        for (CLI::App* sub : {check, rota}) {
          sub->add_option("--unit", o->unit, "The unit's name on the .xlsx, .pdf or .html");
          sub->add_option("--chromium", o->chromium,
                          "Browser that prints the PDF (default: chromium on PATH)");
          sub->add_flag("--agreed-rest", o->agreed_rest,
                        "Rests as agreed with the union representatives (8 h daily, 28 h weekly)");
          sub->add_option("--date", o->date, "The rules in force on this day (default today)");
        }
        return std::function<int()>([=] {
          if (calc->parsed()) return CalcCommand(*o);
          if (check->parsed()) return CheckCommand(*o);
          if (rota->parsed()) return RotaCommand(*o);
          return static_cast<int>(kExitUsage);
        });
      }};
}

}  // namespace agp::app
