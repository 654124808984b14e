// agp roster check: a roster against its instance of the Curtois & Qu shift scheduling benchmark
// (DESIGN §12): every broken hard rule named, then `objective N`. The solver (`agp roster solve`)
// comes with issue 16's next step; its result will pass through the same checker.
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "command.h"
#include "roster/benchmark_format.h"
#include "roster/checker.h"

namespace agp::app {
namespace {

struct RosterOptions {
  std::string instance, roster;
};

bool ReadText(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream text;
  text << in.rdbuf();
  *out = text.str();
  return true;
}

int CheckCommand(const RosterOptions& o) {
  std::string instance_text, roster_text;
  for (const auto& [path, text] :
       {std::pair{&o.instance, &instance_text}, std::pair{&o.roster, &roster_text}}) {
    if (!ReadText(*path, text)) {
      std::fprintf(stderr, "agp: cannot read %s\n", path->c_str());
      return kExitFailure;
    }
  }
  auto instance = roster::ReadInstance(instance_text, o.instance);
  if (!instance.ok()) {
    std::fprintf(stderr, "agp: %s\n", instance.error().ToString().c_str());
    return kExitBadData;
  }
  auto r = roster::ReadRoster(roster_text, *instance, o.roster);
  if (!r.ok()) {
    std::fprintf(stderr, "agp: %s\n", r.error().ToString().c_str());
    return kExitBadData;
  }
  const roster::Check c = roster::CheckRoster(*instance, *r);
  for (const roster::Violation& v : c.violations) std::printf("broken: %s\n", v.text.c_str());
  std::printf(
      "shift on requests %lld, shift off requests %lld, cover under %lld, cover over %lld\n",
      static_cast<long long>(c.on_requests), static_cast<long long>(c.off_requests),
      static_cast<long long>(c.cover_under), static_cast<long long>(c.cover_over));
  std::printf(
      "%s\nobjective %lld\n",
      c.feasible()
          ? "feasible: every hard rule holds"
          : ("infeasible: " + std::to_string(c.violations.size()) + " hard rules broken").c_str(),
      static_cast<long long>(c.objective()));
  return c.feasible() ? kExitOk : kExitBadData;
}

}  // namespace

Command RosterCommand() {
  return {"roster", "Rotas on the shift scheduling benchmark (DESIGN §12)",
          [](CLI::App* cmd, const GlobalOptions*) {
            cmd->require_subcommand(1);
            auto o = std::make_shared<RosterOptions>();
            CLI::App* check = cmd->add_subcommand(
                "check", "Check a roster: every broken hard rule, the objective");
            check->add_option("instance", o->instance, "The instance (.txt)")->required();
            check->add_option("roster", o->roster, "The roster (tab-separated)")->required();
            return std::function<int()>([=] {
              if (check->parsed()) return CheckCommand(*o);
              return static_cast<int>(kExitUsage);
            });
          }};
}

}  // namespace agp::app
