// agp roster check | solve: rotas on the Curtois & Qu shift scheduling benchmark (DESIGN §12).
// check: every broken hard rule named, then `objective N`. solve: the solver's roster (which has
// passed through the same checker) written in the benchmark's form, then `objective N`.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "command.h"
#include "roster/benchmark_format.h"
#include "roster/checker.h"
#include "roster/solver.h"
#include "terminal.h"

namespace agp::app {
namespace {

struct RosterOptions {
  std::string instance, roster;
  std::string out, method = "lns";
  double time_limit = 60;
  uint64_t seed = 1;
  int threads = 2;
  int64_t rounds = 0;
};

int SolveCommand(const RosterOptions& o) {
  std::string text;
  if (!ReadFileBytes(o.instance, &text)) {
    std::fprintf(stderr, "agp: cannot read %s\n", o.instance.c_str());
    return kExitFailure;
  }
  auto instance = roster::ReadInstance(text, o.instance);
  if (!instance.ok()) {
    std::fprintf(stderr, "agp: %s\n", instance.error().ToString().c_str());
    return kExitBadData;
  }
  roster::SolveResult r;
  if (o.method == "mip") {
    r = roster::SolveWholeMip(*instance, o.time_limit);
  } else {
    roster::SolveOptions options;
    options.time_limit_seconds = o.time_limit;
    options.seed = o.seed;
    options.threads = o.threads;
    options.max_rounds = o.rounds;
    ProgressBar bar;
    r = roster::Solve(*instance, options, [&](const roster::Progress& p) {
      bar.Update("objective " + std::to_string(p.objective) + ", round " + std::to_string(p.rounds),
                 std::min(p.seconds, o.time_limit), o.time_limit);
    });
    bar.Finish();
  }
  if (!r.feasible) {
    std::fprintf(stderr, "agp: no feasible roster found in %.1f s\n", r.seconds);
    return kExitBadData;
  }
  std::ofstream out(o.out, std::ios::binary | std::ios::trunc);
  out << roster::WriteRoster(r.roster, *instance);
  out.close();
  if (!out) {
    std::fprintf(stderr, "agp: cannot write %s\n", o.out.c_str());
    return kExitFailure;
  }
  std::printf("first feasible %.2f s, final %.2f s, %.2f s in all, %lld rounds%s\n",
              r.seconds_to_first, r.seconds_to_best, r.seconds, static_cast<long long>(r.rounds),
              r.proven_optimal ? ", proven optimal" : "");
  std::printf("objective %lld\n", static_cast<long long>(r.objective));
  return kExitOk;
}

int CheckCommand(const RosterOptions& o) {
  std::string instance_text, roster_text;
  for (const auto& [path, text] :
       {std::pair{&o.instance, &instance_text}, std::pair{&o.roster, &roster_text}}) {
    if (!ReadFileBytes(*path, text)) {
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
  return {
      "roster", "Rotas on the shift scheduling benchmark (DESIGN §12)",
      [](CLI::App* cmd, const GlobalOptions*) {
        cmd->require_subcommand(1);
        auto o = std::make_shared<RosterOptions>();
        CLI::App* check =
            cmd->add_subcommand("check", "Check a roster: every broken hard rule, the objective");
        check->add_option("instance", o->instance, "The instance (.txt)")->required();
        check->add_option("roster", o->roster, "The roster (tab-separated)")->required();
        CLI::App* solve = cmd->add_subcommand(
            "solve", "Solve an instance: a roster that keeps every hard rule, best objective");
        solve->add_option("instance", o->instance, "The instance (.txt)")->required();
        solve->add_option("--out", o->out, "Where to write the roster (tab-separated)")->required();
        solve->add_option("--time-limit", o->time_limit, "Seconds (default 60)")
            ->check(CLI::Range(0.1, 86400.0));
        solve->add_option("--seed", o->seed, "Random seed (default 1)");
        solve->add_option("--threads", o->threads, "Threads (default 2)")->check(CLI::Range(1, 64));
        solve
            ->add_option("--rounds", o->rounds,
                         "Stop after this many rounds (default: at the time limit)")
            ->check(CLI::NonNegativeNumber);
        solve
            ->add_option("--method", o->method,
                         "lns (default): the solver; mip: the whole model in CBC, one thread")
            ->check(CLI::IsMember({"lns", "mip"}));
        return std::function<int()>([=] {
          if (check->parsed()) return CheckCommand(*o);
          if (solve->parsed()) return SolveCommand(*o);
          return static_cast<int>(kExitUsage);
        });
      }};
}

}  // namespace agp::app
