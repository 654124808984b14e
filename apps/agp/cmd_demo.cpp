// agp demo: a synthetic municipality (DESIGN.md §8), into the database or written as a package.
#include <cstdio>
#include <string>

#include "audit.h"
#include "command.h"
#include "core/clock.h"
#include "core/role.h"
#include "data_dir.h"
#include "demo/generator.h"
#include "demo_measures.h"
#include "demo_staffing.h"
#include "followup/duties.h"
#include "ingest/package_writer.h"
#include "metrics/followup_index.h"
#include "metrics/reference.h"
#include "policy_templates.h"
#include "recompute.h"
#include "store/database.h"
#include "store/passwords.h"
#include "terminal.h"

namespace agp::app {

namespace {

// One account per role of DESIGN §6, with random passwords printed once, so that the demo can be
// tried at once. A leader gets the first sector. Accounts that exist are left alone.
int AddDemoAccounts(store::Database& db, const core::Workforce& w, const core::Clock& clock) {
  const int32_t first = DemoLeaderSector(w);
  const std::string sector = first < 0 ? std::string() : w.units[static_cast<size_t>(first)].key;
  struct Account {
    const char* name;
    const char* role;
  };
  const Account accounts[] = {
      {"hr", "admin"}, {"leder", "leader"}, {"tillitsvalgt", "union"}, {"politiker", "viewer"}};
  std::printf("\nDemobrukere (passordene vises bare nå):\n");
  for (const Account& a : accounts) {
    auto found = db.FindUser(a.name);
    if (!found.ok()) {
      std::fprintf(stderr, "agp: %s\n", found.error().ToString().c_str());
      return kExitFailure;
    }
    if (found->has_value()) {
      std::printf("  %-13s finnes fra før\n", a.name);
      continue;
    }
    store::UserRecord user;
    user.name = a.name;
    user.role = a.role;
    std::string password = store::RandomPassword();
    user.password_hash = store::HashPassword(password).value_or("");
    user.created_at = clock.NowUtc();
    if (std::string(a.role) == "leader" && !sector.empty()) user.units = {sector};
    auto added = db.AddUser(user);
    if (!added.ok()) {
      std::fprintf(stderr, "agp: %s\n", added.error().ToString().c_str());
      return kExitFailure;
    }
    if (int rc = Audit(db, clock, "user.add", a.name, a.role); rc != kExitOk) return rc;
    std::printf("  %-13s %-18s passord %s\n", a.name,
                std::string(core::RoleLabel(*core::ParseRole(a.role))).c_str(), password.c_str());
  }
  return kExitOk;
}

// What leaders have recorded in agp this year (DESIGN §10.2), so that the demo shows both kinds
// of events: of the duties open on `today` in the first sector (the demo leader's), every third
// plan is recorded as made yesterday and every fourth meeting 1 to consider as «åpenbart
// unødvendig». Returns how many were recorded, or -1 after printing an error.
int AddDemoFollowupRecords(store::Database& db, const core::Workforce& w, core::Date today,
                           const core::Clock& clock) {
  auto deadlines = metrics::Deadlines::Load((DataDir() / "reference" / "deadlines.csv").string());
  if (!deadlines.ok()) {
    std::fprintf(stderr, "agp: %s\n", deadlines.error().ToString().c_str());
    return -1;
  }
  auto rules = followup::DutyRules::From(*deadlines, today);
  if (!rules.ok()) {
    std::fprintf(stderr, "agp: %s\n", rules.error().ToString().c_str());
    return -1;
  }
  const int32_t sector = DemoLeaderSector(w);
  if (sector < 0) return 0;
  const metrics::FollowupIndex index(w);
  const followup::Worklist list = followup::BuildWorklist(w, index, today, *rules, {sector});
  int plans = 0, meetings = 0, recorded = 0;
  for (const followup::DutyRow& r : list.duties) {
    store::FollowupRecord rec;
    rec.employee_key = w.employees[static_cast<size_t>(r.employee)].key;
    rec.recorded_by = "leder";
    rec.recorded_at = clock.NowUtc();
    if (r.duty == followup::DutyKind::kFollowupPlan && r.status == followup::DutyStatus::kOverdue &&
        plans++ % 3 == 0) {
      rec.event = "oppfolgingsplan";
      rec.date = today.AddDays(-1).days();
    } else if (r.duty == followup::DutyKind::kDialogueMeeting1 &&
               r.status == followup::DutyStatus::kConsider && meetings++ % 4 == 0) {
      rec.event = "dialogmote1";
      rec.date = today.AddDays(-2).days();
      rec.unnecessary = true;
      rec.reason =
          "Gradert sykmeldt og i arbeid med tilrettelagte oppgaver; partene er enige om "
          "at et møte ikke trengs nå.";
    } else {
      continue;
    }
    auto added = db.AddFollowupRecord(rec);
    if (!added.ok()) {
      std::fprintf(stderr, "agp: %s\n", added.error().ToString().c_str());
      return -1;
    }
    ++recorded;
  }
  return recorded;
}

}  // namespace

Command DemoCommand() {
  return {
      "demo", "Fill the database with a synthetic municipality, or write it as a package",
      [](CLI::App* cmd, const GlobalOptions* g) {
        auto options = std::make_shared<demo::DemoOptions>();
        auto package_dir = std::make_shared<std::string>();
        options->last_year = core::SystemClock().Today().year() - 1;
        cmd->add_option("--employees", options->employees, "Core staff on a count date (about)")
            ->check(CLI::Range(10, 2000000))
            ->capture_default_str();
        cmd->add_option("--years", options->years, "Years of history")
            ->check(CLI::Range(1, 30))
            ->capture_default_str();
        cmd->add_option("--last-year", options->last_year,
                        "Last whole year of data (default: last year)")
            ->check(CLI::Range(1990, 2100));
        auto through = std::make_shared<std::string>();
        cmd->add_option("--through", *through,
                        "Data go on into the next year to this day (YYYY-MM-DD; default: today "
                        "when --last-year is last year, so that this week's duties show; 'none': "
                        "whole years only)");
        cmd->add_option("--seed", options->seed, "Random seed; the same seed gives the same data")
            ->capture_default_str();
        auto no_accounts = std::make_shared<bool>(false);
        cmd->add_flag("--no-accounts", *no_accounts,
                      "Do not add the demo accounts (hr, leder, tillitsvalgt, politiker)");
        cmd->add_option(
            "--write-package", *package_dir,
            "Write a workforce package (CSV folder) here instead of loading the database");
        return std::function<int()>([=] {
          const core::Date today = core::SystemClock().Today();
          if (through->empty() && options->last_year == today.year() - 1) {
            options->through = today;
          } else if (!through->empty() && *through != "none") {
            const std::optional<core::Date> day = core::ParseDate(*through);
            if (!day || day->year() != options->last_year + 1) {
              std::fprintf(stderr,
                           "agp: --through must be a date in %d (the year after "
                           "--last-year), or 'none'\n",
                           options->last_year + 1);
              return static_cast<int>(kExitUsage);
            }
            options->through = *day;
          }
          ProgressBar bar;
          bar.Update("Lager kommunen", 0, 1);
          const core::Workforce w = demo::GenerateWorkforce(*options);
          bar.Finish();
          if (!package_dir->empty()) {
            if (auto s = ingest::WritePackage(w, *package_dir); !s.ok()) {
              std::fprintf(stderr, "agp: %s\n", s.error().ToString().c_str());
              return static_cast<int>(kExitFailure);
            }
            std::printf("Skrev pakken %s: %s enheter, %s ansatte, %s stillingsrader, %s fravær\n",
                        package_dir->c_str(),
                        GroupDigits(static_cast<long long>(w.units.size())).c_str(),
                        GroupDigits(static_cast<long long>(w.employees.size())).c_str(),
                        GroupDigits(static_cast<long long>(w.periods.size())).c_str(),
                        GroupDigits(static_cast<long long>(w.absences.size())).c_str());
            return static_cast<int>(kExitOk);
          }
          auto db = store::OpenSqlite(g->db_path);
          if (!db.ok()) {
            std::fprintf(stderr, "agp: %s\n", db.error().ToString().c_str());
            return static_cast<int>(kExitFailure);
          }
          core::SystemClock clock;
          store::ImportRecord record;
          record.imported_at = clock.NowUtc();
          record.source = "agp demo --employees " + std::to_string(options->employees) +
                          " --years " + std::to_string(options->years) + " --last-year " +
                          std::to_string(options->last_year) + " --seed " +
                          std::to_string(options->seed) +
                          (options->through ? " --through " + options->through->ToIso() : "");
          record.checksum = "demo";
          record.counts = {{"units", static_cast<int64_t>(w.units.size())},
                           {"employees", static_cast<int64_t>(w.employees.size())},
                           {"position_periods", static_cast<int64_t>(w.periods.size())},
                           {"absences", static_cast<int64_t>(w.absences.size())}};
          auto written = (*db)->ReplaceWorkforce(w, record, [&bar](int64_t done, int64_t total) {
            bar.Update("Skriver til databasen", static_cast<double>(done),
                       static_cast<double>(total));
          });
          bar.Finish();
          if (!written.ok()) {
            std::fprintf(stderr, "agp: %s\n", written.error().ToString().c_str());
            return static_cast<int>(kExitFailure);
          }
          std::printf(
              "%s: %s enheter, %s ansatte, %s stillingsrader, %s fravær, %d–%d → %s "
              "(dataversjon %lld)\n",
              options->municipality.c_str(),
              GroupDigits(static_cast<long long>(w.units.size())).c_str(),
              GroupDigits(static_cast<long long>(w.employees.size())).c_str(),
              GroupDigits(static_cast<long long>(w.periods.size())).c_str(),
              GroupDigits(static_cast<long long>(w.absences.size())).c_str(),
              options->last_year - options->years + 1,
              options->through ? options->through->year() : options->last_year, g->db_path.c_str(),
              static_cast<long long>(written->data_version));
          int recorded = 0;
          if (options->through) {
            recorded = AddDemoFollowupRecords(**db, w, *options->through, clock);
            if (recorded < 0) return static_cast<int>(kExitFailure);
            if (recorded > 0) {
              std::printf("Oppfølging registrert i agp: %d hendelser (Mine oppgaver)\n", recorded);
            }
          }
          // Recorded events count in the figures: read them back with the records.
          if (int rc = RecomputeResults(**db, recorded > 0 ? nullptr : &w, clock); rc != kExitOk) {
            return rc;
          }
          if (int rc = LoadPolicyTemplates(**db, clock); rc != kExitOk) return rc;
          if (int rc = AddDemoMeasures(**db, w, options->through.value_or(clock.Today()));
              rc != kExitOk) {
            return rc;
          }
          const core::Date day = options->through.value_or(clock.Today());
          if (int rc = AddDemoStaffingPlans(**db, w, day); rc != kExitOk) return rc;
          if (int rc = AddDemoRota(**db, w, day); rc != kExitOk) return rc;
          return *no_accounts ? static_cast<int>(kExitOk) : AddDemoAccounts(**db, w, clock);
        });
      }};
}

}  // namespace agp::app
