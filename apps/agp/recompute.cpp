#include "recompute.h"

#include <cstdio>

#include "command.h"
#include "data_dir.h"
#include "metrics/reference.h"
#include "metrics/results.h"

namespace agp::app {

int EngineOptionsFromData(const core::Clock& clock, metrics::EngineOptions* options) {
  const std::filesystem::path path = DataDir() / "reference" / "deadlines.csv";
  auto deadlines = metrics::Deadlines::Load(path.string());
  if (!deadlines.ok()) {
    std::fprintf(stderr, "agp: %s\n", deadlines.error().ToString().c_str());
    return kExitFailure;
  }
  auto plan = deadlines->DaysOn("followup_plan", clock.Today());
  auto meeting = deadlines->DaysOn("dialogue_meeting1", clock.Today());
  if (!plan.ok() || !meeting.ok()) {
    std::fprintf(stderr, "agp: %s\n",
                 (plan.ok() ? meeting.error() : plan.error()).ToString().c_str());
    return kExitFailure;
  }
  options->followup_plan_days = *plan;
  options->dialogue_meeting1_days = *meeting;
  return kExitOk;
}

int RecomputeResults(store::Database& db, const core::Workforce* workforce,
                     const core::Clock& clock) {
  metrics::EngineOptions options;
  if (int rc = EngineOptionsFromData(clock, &options); rc != kExitOk) return rc;
  core::Workforce loaded;
  if (workforce == nullptr) {
    auto w = db.LoadWorkforce();
    if (!w.ok()) {
      std::fprintf(stderr, "agp: %s\n", w.error().ToString().c_str());
      return kExitFailure;
    }
    loaded = std::move(w).value();
    workforce = &loaded;
  }
  auto stats = metrics::Recompute(db, *workforce, clock, options);
  if (!stats.ok()) {
    std::fprintf(stderr, "agp: %s\n", stats.error().ToString().c_str());
    return kExitFailure;
  }
  std::printf(
      "Indikatorene er beregnet på nytt for dataversjon %lld (%.2f s, lagret på %.2f s, "
      "%.1f MB).\n",
      static_cast<long long>(stats->data_version), stats->compute_seconds, stats->store_seconds,
      static_cast<double>(stats->bytes) / 1e6);
  return kExitOk;
}

}  // namespace agp::app
