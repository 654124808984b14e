// agp init: create an empty database at the current schema version.
#include <cstdio>
#include <filesystem>

#include "command.h"
#include "store/database.h"

namespace agp::app {

Command InitCommand() {
  return {"init", "Create an empty database", [](CLI::App*, const GlobalOptions* g) {
            return std::function<int()>([g] {
              const bool existed = std::filesystem::exists(g->db_path);
              auto db = store::OpenSqlite(g->db_path);
              if (!db.ok()) {
                std::fprintf(stderr, "agp: %s\n", db.error().ToString().c_str());
                return static_cast<int>(kExitFailure);
              }
              std::printf("%s %s (skjemaversjon %d)\n",
                          existed ? "Databasen finnes allerede:" : "Opprettet", g->db_path.c_str(),
                          *(*db)->SchemaVersion());
              return static_cast<int>(kExitOk);
            });
          }};
}

}  // namespace agp::app
