// Recomputes the indicator results in the background when they are older than the data (issue
// 13, item 10): after a crash between an import's commit and its recompute, or an import made
// while the server was down without `agp recompute`. The snapshot asks for it whenever it finds
// the stored results stale (at the server's start and at every reload); meanwhile the pages show
// the older figures with a banner. An attempt that fails is logged on standard error and is not
// repeated for the same data version, so a broken recompute cannot spin. Thread-safe.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "core/clock.h"
#include "core/records.h"
#include "store/database.h"
#include "web/context.h"

namespace agp::web {

// Recomputes and stores the indicators from `workforce` (null: read from `db`), as `agp import`
// does after writing. "" on success, else what went wrong, in Norwegian. The deadlines come
// from `data_dir`/reference/deadlines.csv.
std::string RecomputeIndicators(store::Database& db, const core::Workforce* workforce,
                                const core::Clock& clock, const std::string& data_dir);

class ResultsRefresher {
 public:
  // `options` gives db_path and data_dir; `snapshots` (may be null) is invalidated after each
  // attempt.
  ResultsRefresher(const ServeOptions& options, const core::Clock& clock, SnapshotCache* snapshots);
  ~ResultsRefresher();  // waits for a recompute in progress
  ResultsRefresher(const ResultsRefresher&) = delete;
  ResultsRefresher& operator=(const ResultsRefresher&) = delete;

  // The stored results are not those of `data_version`: recompute them on a thread of its own,
  // unless that already runs or the last attempt for this data version failed.
  void Request(int64_t data_version);

  // Held by whoever writes the workforce data and then recomputes (an import from the web), so
  // that no background recompute runs beside it; the background one waits for it and then finds
  // the results current.
  std::unique_lock<std::mutex> Hold() { return std::unique_lock<std::mutex>(work_mutex_); }

  // The data version whose recompute failed last (0: none did), for the banner.
  int64_t failed_version() const;
  // Recomputes started (tests count them).
  int attempts() const;

 private:
  void Run(int64_t data_version);

  ServeOptions options_;
  const core::Clock& clock_;
  SnapshotCache* snapshots_;
  std::mutex work_mutex_;  // see Hold
  mutable std::mutex mutex_;
  bool running_ = false;
  int64_t failed_version_ = 0;
  int attempts_ = 0;
  std::thread worker_;  // the last background recompute
};

}  // namespace agp::web
