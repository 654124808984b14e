#include "audit.h"

#include <cstdio>
#include <cstdlib>

#include "command.h"

namespace agp::app {

std::string CliActor() {
  const char* user = std::getenv("USER");
  return std::string("cli:") + (user != nullptr && *user != '\0' ? user : "ukjent");
}

int Audit(store::Database& db, const core::Clock& clock, const std::string& action,
          const std::string& object, const std::string& detail) {
  store::AuditEntry e;
  e.at = clock.NowUtc();
  e.actor = CliActor();
  e.action = action;
  e.object = object;
  e.detail = detail;
  auto written = db.AppendAudit(e);
  if (!written.ok()) {
    std::fprintf(stderr, "agp: revisjonsloggen: %s\n", written.error().ToString().c_str());
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace agp::app
