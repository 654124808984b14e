// What the pages read: the stored indicator results, the national reference figures and the
// stored policies with their assessments and lint, loaded once per change of the database and
// shared by every request (DESIGN §2: pages read precomputed values, never recompute).
//
// A Snapshot is immutable once built; SnapshotCache hands out the current one and builds a new
// one when the database's change stamp moves (an import, new results, a policy version, an
// assessment, a user). Results older than the data are shown, marked stale, until new ones are
// computed. Rendered page bodies are cached per snapshot and audience. Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "core/period.h"
#include "metrics/followup_index.h"
#include "metrics/measure_cube.h"
#include "metrics/reference.h"
#include "policy/diagnostics.h"
#include "policy/policy.h"
#include "store/database.h"

namespace agp::web {

struct StoredPolicy {
  policy::Policy policy;
  store::PolicyVersion version;                      // without the document
  std::vector<store::PolicyVersion> versions;        // every version of this id, oldest first
  std::vector<store::AssessmentRecord> assessments;  // oldest first
  std::vector<policy::Diagnostic> lint;              // of the stored version
};

// The records the follow-up pages list (DESIGN §10): the snapshot's workforce with the events
// recorded in the app, indexed once, and the statutory deadlines.
struct FollowupData {
  core::Workforce workforce;
  std::unique_ptr<metrics::FollowupIndex> index;
  metrics::Deadlines deadlines;
};

class Snapshot {
 public:
  std::string stamp;                                 // the change stamp it was built from
  std::shared_ptr<const metrics::MeasureCube> cube;  // null when nothing is computed yet
  std::string results_error;                         // why the results are not current
  // The stored results are not of the current data (an import's recompute has not finished, or
  // never ran): `cube`, when set, holds the older figures until the new ones are computed.
  bool stale = false;
  int64_t data_version = 0;     // of the data
  int64_t results_version = 0;  // the data version `cube` was computed from
  metrics::ReferenceFigures reference;
  std::optional<store::ImportRecord> last_import;
  std::string computed_at;
  std::vector<StoredPolicy> policies;  // by policy id
  std::string deadlines_path;          // data/reference/deadlines.csv

  // The follow-up records, read from `db` on first use and kept with the snapshot (a recorded
  // event moves the data version, and so makes a new snapshot).
  core::Result<std::shared_ptr<const FollowupData>> Followup(store::Database& db) const;

  // The newest complete year of the results (its count date has passed), else the newest year.
  std::optional<core::Period> DefaultYear(core::Date today) const;
  // The years of the results, oldest first.
  std::vector<core::Period> Years() const;
  const StoredPolicy* FindPolicy(const std::string& id) const;
  // The policy valid on `day` with the most indicator targets; else the newest loaded.
  const StoredPolicy* DefaultPolicy(core::Date day) const;

  // A cached rendered fragment for `key` (page and audience), built once by `render`.
  template <typename Fn>
  std::shared_ptr<const std::string> Cached(const std::string& key, Fn&& render) const {
    {
      std::lock_guard lock(cache_mutex_);
      auto it = cache_.find(key);
      if (it != cache_.end()) return it->second;
    }
    auto made = std::make_shared<const std::string>(render());
    std::lock_guard lock(cache_mutex_);
    if (cache_.size() > 2000) cache_.clear();
    return cache_.emplace(key, std::move(made)).first->second;
  }

 private:
  mutable std::mutex followup_mutex_;
  mutable std::shared_ptr<const FollowupData> followup_;
  mutable std::mutex cache_mutex_;
  mutable std::unordered_map<std::string, std::shared_ptr<const std::string>> cache_;
};

// Opens a database connection for a request (one per thread; SQLite connections are cheap to
// keep). Returns the connection or an error.
class ConnectionPool {
 public:
  explicit ConnectionPool(std::string path) : path_(std::move(path)) {}
  struct Lease {
    ConnectionPool* pool = nullptr;
    std::unique_ptr<store::Database> db;
    Lease() = default;
    Lease(ConnectionPool* p, std::unique_ptr<store::Database> d) : pool(p), db(std::move(d)) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = default;
    ~Lease();
    store::Database& operator*() { return *db; }
    store::Database* operator->() { return db.get(); }
  };
  core::Result<Lease> Acquire();

 private:
  std::string path_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<store::Database>> idle_;
};

class SnapshotCache {
 public:
  SnapshotCache(ConnectionPool* pool, std::string reference_path)
      : pool_(pool), reference_path_(std::move(reference_path)) {}
  // The current snapshot; checks the database's change stamp at most once per `recheck`.
  core::Result<std::shared_ptr<const Snapshot>> Current(
      std::chrono::milliseconds recheck = std::chrono::milliseconds(1000));
  // Forces the next Current() to look at the database (after a change made by this server).
  void Invalidate();
  // Called with the data version, outside the cache's lock, after building a snapshot whose
  // results are stale (the server then recomputes them: ResultsRefresher). Before Current.
  void set_on_stale(std::function<void(int64_t data_version)> on_stale) {
    on_stale_ = std::move(on_stale);
  }

 private:
  // `previous` lends its results while new ones are being computed after an import.
  core::Result<std::shared_ptr<const Snapshot>> Build(store::Database& db, std::string stamp,
                                                      const Snapshot* previous);

  ConnectionPool* pool_;
  std::string reference_path_;
  std::mutex mutex_;
  std::shared_ptr<const Snapshot> current_;
  std::chrono::steady_clock::time_point checked_{};
  std::function<void(int64_t)> on_stale_;
};

}  // namespace agp::web
