// The command line's entries in the audit log (DESIGN §6): every change made from the command
// line is written with the operating-system user as actor.
#pragma once

#include <string>

#include "core/clock.h"
#include "store/database.h"

namespace agp::app {

// Appends {now, "cli:<$USER>", action, object, detail}; prints the error and returns an exit
// status other than 0 when it cannot be written.
// "cli:<$USER>": who acts from the command line.
std::string CliActor();

int Audit(store::Database& db, const core::Clock& clock, const std::string& action,
          const std::string& object, const std::string& detail = "");

}  // namespace agp::app
