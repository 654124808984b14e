// agp import PACKAGE [--dry-run]: DESIGN.md §3.
#include <cstdio>
#include <map>
#include <string>
#include <utility>

#include "audit.h"
#include "command.h"
#include "core/clock.h"
#include "ingest/importer.h"
#include "recompute.h"
#include "store/database.h"
#include "terminal.h"

namespace agp::app {
namespace {

void PrintProblems(const std::vector<core::Error>& list, int64_t count, const char* kind,
                   const char* plural) {
  for (const core::Error& e : list) {
    std::fprintf(stderr, "%s: %s: %s\n", e.location().ToString().c_str(), kind,
                 e.message().c_str());
  }
  if (count > static_cast<int64_t>(list.size())) {
    std::fprintf(stderr, "… og %s %s til (de første %zu er vist)\n",
                 GroupDigits(count - static_cast<int64_t>(list.size())).c_str(), plural,
                 list.size());
  }
}

void PrintSummary(const ingest::ImportOutcome& o) {
  std::printf("%-32s %12s  %s\n", "fil", "rader", "tegnsett, skilletegn");
  size_t bytes = 0;
  for (const ingest::FileSummary& f : o.report.files) {
    bytes += f.bytes;
    std::string how = f.encoding;
    if (f.separator != 0) how += std::string(", «") + f.separator + "»";
    std::printf("%-32s %12s  %s\n", f.name.c_str(), GroupDigits(f.rows).c_str(), how.c_str());
  }
  const double mb = static_cast<double>(bytes) / 1e6;
  std::printf("%s feil, %s advarsler; %.1f MB på %.1f s (%.0f MB/s)\n",
              GroupDigits(o.report.error_count).c_str(),
              GroupDigits(o.report.warning_count).c_str(), mb, o.seconds,
              o.seconds > 0 ? mb / o.seconds : 0.0);
}

}  // namespace

Command ImportCommand() {
  return {
      "import", "Import a workforce package: a folder of CSV files, a .zip or an .xlsx (DESIGN §3)",
      [](CLI::App* cmd, const GlobalOptions* g) {
        auto package = std::make_shared<std::string>();
        auto dry_run = std::make_shared<bool>(false);
        auto limit = std::make_shared<size_t>(200);
        cmd->add_option("package", *package, "Folder, .zip or .xlsx")->required();
        cmd->add_flag("--dry-run", *dry_run, "Check and report, write nothing");
        cmd->add_option("--max-problems", *limit, "Errors and warnings to list (all are counted)")
            ->check(CLI::Range(1, 1000000));
        return std::function<int()>([=] {
          auto db = store::OpenSqlite(g->db_path);
          if (!db.ok()) {
            std::fprintf(stderr, "agp: %s\n", db.error().ToString().c_str());
            return static_cast<int>(kExitFailure);
          }
          core::SystemClock clock;
          ProgressBar bar;
          ingest::ImportOptions options;
          options.dry_run = *dry_run;
          options.max_problems = *limit;
          // Two files are read at once: show the one furthest behind.
          std::map<std::string, std::pair<double, double>> reading;
          options.on_read = [&bar, &reading](const std::string& file, size_t done, size_t total) {
            reading[file] = {static_cast<double>(done), static_cast<double>(total)};
            const std::string* slowest = &file;
            double least = 2;
            for (const auto& [name, progress] : reading) {
              const double f = progress.second > 0 ? progress.first / progress.second : 1;
              if (f < 1 && f < least) {
                least = f;
                slowest = &name;
              }
            }
            const auto& [d, t] = reading[*slowest];
            bar.Update("Leser " + *slowest, d, t);
          };
          options.on_write = [&bar](int64_t done, int64_t total) {
            bar.Update("Skriver til databasen", static_cast<double>(done),
                       static_cast<double>(total));
          };
          auto outcome = ingest::ImportPackage(*package, **db, clock, options);
          bar.Finish();
          if (!outcome.ok()) {
            std::fprintf(stderr, "%s\n", outcome.error().ToString().c_str());
            return static_cast<int>(outcome.error().code() == core::ErrorCode::kInvalidInput ||
                                            outcome.error().code() == core::ErrorCode::kNotFound
                                        ? kExitBadData
                                        : kExitFailure);
          }
          const ingest::ImportOutcome& o = *outcome;
          PrintProblems(o.report.errors, o.report.error_count, "feil", "feil");
          PrintProblems(o.report.warnings, o.report.warning_count, "advarsel", "advarsler");
          PrintSummary(o);
          if (!o.report.ok()) {
            std::printf("Pakken har feil. Ingenting er skrevet til databasen.\n");
            return static_cast<int>(kExitBadData);
          }
          if (*dry_run) {
            std::printf("Pakken er i orden (--dry-run: ingenting er skrevet).\n");
          } else if (o.unchanged) {
            std::printf(
                "Uendret: samme pakke som importen %s (dataversjon %lld). Ingenting er "
                "skrevet.\n",
                o.record.imported_at.c_str(), static_cast<long long>(o.record.data_version));
            // A recompute that was interrupted last time is finished now.
            auto results = (*db)->LoadResults(/*with_blocks=*/false);
            auto version = (*db)->DataVersion();
            if (results.ok() && version.ok() &&
                (!*results || (**results).data_version != *version)) {
              return RecomputeResults(**db, nullptr, clock);
            }
          } else {
            std::printf("Importert til %s som dataversjon %lld.\n", g->db_path.c_str(),
                        static_cast<long long>(o.record.data_version));
            if (int rc = Audit(**db, clock, "import", o.record.source,
                               "dataversjon " + std::to_string(o.record.data_version));
                rc != kExitOk) {
              return rc;
            }
            return RecomputeResults(**db, o.workforce.get(), clock);
          }
          return static_cast<int>(kExitOk);
        });
      }};
}

}  // namespace agp::app
