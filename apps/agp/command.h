// The subcommand table of the agp binary (Ninja's tool table): each subcommand is a function.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <optional>
#include <string>

#include "core/period.h"

namespace agp::app {

// Exit statuses of DESIGN.md §7.
enum ExitStatus { kExitOk = 0, kExitUsage = 1, kExitBadData = 2, kExitFailure = 3 };

// Options every subcommand sees.
struct GlobalOptions {
  std::string db_path;  // --db, $AGP_DB, or ./agp.db
};

// A subcommand: `setup` declares its options on `cmd` and returns the function that runs it.
struct Command {
  const char* name;
  const char* help;
  std::function<std::function<int()>(CLI::App* cmd, const GlobalOptions* global)> setup;
};

// The period of a --period option, or nullopt after saying on stderr why it is not one (exit with
// kExitUsage).
std::optional<core::Period> PeriodOption(const std::string& text);

// The bytes of the file at `path`; false when it cannot be read.
bool ReadFileBytes(const std::string& path, std::string* out);

Command InitCommand();
Command ImportCommand();
Command DemoCommand();
Command StatusCommand();
Command IndicatorsCommand();
Command RecomputeCommand();
Command PolicyCommand();
Command EvaluateCommand();
Command UserCommand();
Command ServeCommand();
Command ReportCommand();
Command FollowupCommand();
Command RosterCommand();
Command HeltidCommand();

}  // namespace agp::app
