// agp policy check FILE: reads an employer policy (docs/policy-format.md) and reports what is
// broken (errors, exit 2) and which goals cannot be checked and what to add (warnings, exit 0).
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "command.h"
#include "policy/lint.h"
#include "terminal.h"

namespace agp::app {
namespace {

int Check(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "agp: kan ikke lese %s\n", path.c_str());
    return kExitFailure;
  }
  std::stringstream text;
  text << in.rdbuf();
  policy::Diagnostics diagnostics(path);
  const policy::Policy p = policy::CheckPolicy(text.str(), &diagnostics);
  for (const policy::Diagnostic& d : diagnostics.items()) std::printf("%s\n", d.ToString().c_str());
  int nodes = 0;
  int goals = 0;
  int measured = 0;
  policy::ForEachNode(p.nodes, [&](const policy::Node& n, int) {
    ++nodes;
    if (policy::IsGoal(n)) {
      ++goals;
      measured += n.indicators.empty() ? 0 : 1;
    }
  });
  std::printf("%s: %d feil, %d advarsler; %s punkter, %d mål, %d av dem med indikator.\n",
              path.c_str(), diagnostics.error_count(), diagnostics.warning_count(),
              GroupDigits(nodes).c_str(), goals, measured);
  return diagnostics.error_count() > 0 ? kExitBadData : kExitOk;
}

}  // namespace

Command PolicyCommand() {
  return {"policy", "Check employer policies (docs/policy-format.md)",
          [](CLI::App* cmd, const GlobalOptions*) {
            cmd->require_subcommand(1);
            auto file = std::make_shared<std::string>();
            CLI::App* check = cmd->add_subcommand(
                "check", "Report errors (exit 2) and unmeasurable goals (warnings, exit 0)");
            check->add_option("file", *file, "Policy YAML file")->required();
            return std::function<int()>([check, file] {
              if (check->parsed()) return Check(*file);
              return static_cast<int>(kExitUsage);
            });
          }};
}

}  // namespace agp::app
