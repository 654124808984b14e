#include "recompute.h"

#include <cstdio>

#include "command.h"
#include "data_dir.h"
#include "metrics/reference.h"
#include "metrics/results.h"

namespace agp::app {

int EngineOptionsFromData(const core::Clock& clock, metrics::EngineOptions* options) {
  const std::filesystem::path path = DataDir() / "reference" / "deadlines.csv";
  auto read = metrics::EngineOptionsFromDeadlines(path.string(), clock.Today());
  if (!read.ok()) {
    std::fprintf(stderr, "agp: %s\n", read.error().ToString().c_str());
    return kExitFailure;
  }
  *options = *read;
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
