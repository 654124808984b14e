// agp: the employer policy in practice. One binary: the command line now, the web server later.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <vector>

#include "command.h"

int main(int argc, char** argv) {
  using namespace agp::app;  // NOLINT(google-build-using-namespace): main only
  CLI::App app{"agp — arbeidsgiverpolitikk i praksis: the employer policy as a measured system"};
  app.require_subcommand(1);
  GlobalOptions global;
  const char* env_db = std::getenv("AGP_DB");
  global.db_path = env_db != nullptr && *env_db != '\0' ? env_db : "agp.db";
  app.add_option("--db", global.db_path, "Database file (default $AGP_DB or ./agp.db)");

  const std::vector<Command> commands = {InitCommand(),   DemoCommand(),       ImportCommand(),
                                         StatusCommand(), IndicatorsCommand(), RecomputeCommand(),
                                         PolicyCommand(), EvaluateCommand(),   ReportCommand(),
                                         UserCommand(),   ServeCommand(),      FollowupCommand(),
                                         RosterCommand(), HeltidCommand()};
  std::function<int()> run;
  for (const Command& c : commands) {
    CLI::App* sub = app.add_subcommand(c.name, c.help);
    auto fn = c.setup(sub, &global);
    sub->callback([&run, fn] { run = fn; });
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  try {
    return run();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "agp: internal error: %s\n", e.what());
    return kExitFailure;
  }
}
