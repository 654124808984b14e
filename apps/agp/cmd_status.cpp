// agp status: what the database holds: rows per table, data version, the latest imports.
#include <cstdio>

#include "command.h"
#include "store/database.h"
#include "terminal.h"

namespace agp::app {

Command StatusCommand() {
  return {"status", "Show what the database holds and the latest imports",
          [](CLI::App*, const GlobalOptions* g) {
            return std::function<int()>([g] {
              auto db = store::OpenSqlite(g->db_path, {.create = false});
              if (!db.ok()) {
                std::fprintf(stderr, "agp: %s\n", db.error().ToString().c_str());
                return static_cast<int>(kExitFailure);
              }
              auto counts = (*db)->CountRows();
              auto version = (*db)->DataVersion();
              auto log = (*db)->ImportLog();
              if (!counts.ok() || !version.ok() || !log.ok()) {
                std::fprintf(stderr, "agp: the database cannot be read\n");
                return static_cast<int>(kExitFailure);
              }
              std::printf("Database %s, dataversjon %lld\n", g->db_path.c_str(),
                          static_cast<long long>(*version));
              for (const auto& [table, n] : *counts) {
                std::printf("  %-18s %12s\n", table.c_str(), GroupDigits(n).c_str());
              }
              std::printf("Siste importer:\n");
              int shown = 0;
              for (const store::ImportRecord& r : *log) {
                if (shown++ == 5) break;
                std::printf("  %s  versjon %lld  %s  (%.1f s, %lld advarsler)\n",
                            r.imported_at.c_str(), static_cast<long long>(r.data_version),
                            r.source.c_str(), r.seconds, static_cast<long long>(r.warnings));
              }
              if (log->empty()) std::printf("  ingen ennå\n");
              auto results = (*db)->LoadResults(/*with_blocks=*/false);
              if (results.ok() && *results) {
                const store::ResultSet& r = **results;
                std::printf("Indikatorer: beregnet %s for dataversjon %lld (%.2f s)\n",
                            r.computed_at.c_str(), static_cast<long long>(r.data_version),
                            r.seconds);
                if (r.data_version != *version) {
                  std::printf(
                      "  Utdatert: dataene er på versjon %lld. `agp serve` beregner dem på nytt "
                      "når den starter; ellers kjør `agp recompute`.\n",
                      static_cast<long long>(*version));
                }
              } else if (results.ok() && *version > 0) {
                std::printf(
                    "Indikatorer: ikke beregnet ennå. `agp serve` beregner dem når den starter; "
                    "ellers kjør `agp recompute`.\n");
              } else if (results.ok()) {
                std::printf("Indikatorer: ikke beregnet ennå\n");
              }
              return static_cast<int>(kExitOk);
            });
          }};
}

}  // namespace agp::app
