#include "web/results_refresher.h"

#include <cstdio>
#include <exception>
#include <filesystem>
#include <utility>

#include "metrics/results.h"

namespace agp::web {

std::string RecomputeIndicators(store::Database& db, const core::Workforce* workforce,
                                const core::Clock& clock, const std::string& data_dir) {
  const std::filesystem::path path =
      std::filesystem::path(data_dir) / "reference" / "deadlines.csv";
  auto read = metrics::EngineOptionsFromDeadlines(path.string(), clock.Today());
  if (!read.ok()) {
    return "fristene for sykefraværsoppfølging kunne ikke leses fra deadlines.csv";
  }
  metrics::EngineOptions options = *read;
  core::Workforce loaded;
  if (workforce == nullptr) {
    auto w = db.LoadWorkforce();
    if (!w.ok()) return "dataene kunne ikke leses tilbake fra databasen";
    loaded = std::move(w).value();
    workforce = &loaded;
  }
  auto stats = metrics::Recompute(db, *workforce, clock, options);
  if (!stats.ok()) return "beregningen mislyktes";
  return "";
}

ResultsRefresher::ResultsRefresher(const ServeOptions& options, const core::Clock& clock,
                                   SnapshotCache* snapshots)
    : options_(options), clock_(clock), snapshots_(snapshots) {}

ResultsRefresher::~ResultsRefresher() {
  std::thread worker;
  {
    std::lock_guard lock(mutex_);
    worker = std::move(worker_);
  }
  if (worker.joinable()) worker.join();
}

void ResultsRefresher::Request(int64_t data_version) {
  std::thread previous;
  {
    std::lock_guard lock(mutex_);
    if (running_ || data_version <= 0 || failed_version_ == data_version) return;
    running_ = true;
    previous = std::move(worker_);
    worker_ = std::thread(&ResultsRefresher::Run, this, data_version);
  }
  // The previous recompute has finished (none is running); its thread is at its end.
  if (previous.joinable()) previous.join();
}

int64_t ResultsRefresher::failed_version() const {
  std::lock_guard lock(mutex_);
  return failed_version_;
}

int ResultsRefresher::attempts() const {
  std::lock_guard lock(mutex_);
  return attempts_;
}

void ResultsRefresher::Run(int64_t data_version) {
  std::string error;
  bool tried = false;
  try {
    auto hold = Hold();
    auto db = store::OpenSqlite(options_.db_path, {.create = false});
    if (!db.ok()) {
      error = "databasen kunne ikke åpnes";
    } else if (auto version = (*db)->DataVersion(); !version.ok()) {
      error = "dataversjonen kunne ikke leses";
    } else {
      data_version = *version;  // an import may have come in between
      // Current already (an import from the web recomputed while this waited), or nothing to
      // compute from.
      const bool current = data_version == 0 || metrics::LoadResults(**db).ok();
      bool failed_before = false;
      {
        std::lock_guard lock(mutex_);
        failed_before = failed_version_ == data_version;
        if (!current && !failed_before) ++attempts_;
      }
      if (!current && !failed_before) {
        tried = true;
        error = RecomputeIndicators(**db, nullptr, clock_, options_.data_dir);
      }
    }
  } catch (const std::exception&) {
    error = "noe gikk galt under beregningen";
  }
  if (!error.empty()) {
    std::fprintf(stderr,
                 "agp: indikatorene kunne ikke beregnes på nytt for dataversjon %lld: %s. "
                 "Tjeneren prøver ikke igjen før dataene endres eller den startes på nytt; "
                 "kjør `agp recompute`.\n",
                 static_cast<long long>(data_version), error.c_str());
  }
  {
    std::lock_guard lock(mutex_);
    if (!error.empty()) failed_version_ = data_version;
  }
  // Before running_ is cleared: Request joins this thread only once it is.
  if (snapshots_ != nullptr && (tried || !error.empty())) snapshots_->Invalidate();
  std::lock_guard lock(mutex_);
  running_ = false;
}

}  // namespace agp::web
