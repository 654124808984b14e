#include "web/snapshot.h"

#include <filesystem>

#include <algorithm>

#include "metrics/results.h"
#include "policy/lint.h"
#include "policy/policy_store.h"

namespace agp::web {

std::vector<core::Period> Snapshot::Years() const {
  std::vector<core::Period> out;
  if (!cube) return out;
  for (const core::Period& p : cube->periods()) {
    if (p.kind() == core::PeriodKind::kYear) out.push_back(p);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::optional<core::Period> Snapshot::DefaultYear(core::Date today) const {
  std::vector<core::Period> years = Years();
  if (years.empty()) return std::nullopt;
  for (auto it = years.rbegin(); it != years.rend(); ++it) {
    if (it->count_date() <= today) return *it;
  }
  return years.back();
}

const StoredPolicy* Snapshot::FindPolicy(const std::string& id) const {
  for (const StoredPolicy& p : policies) {
    if (p.policy.id == id) return &p;
  }
  return nullptr;
}

const StoredPolicy* Snapshot::DefaultPolicy(core::Date day) const {
  const StoredPolicy* best = nullptr;
  int best_targets = -1;
  std::string iso = day.ToIso();
  for (const StoredPolicy& p : policies) {
    const auto& valid = p.policy.valid;
    if (valid.from > iso || (!valid.to.empty() && valid.to < iso)) continue;
    int targets = 0;
    policy::ForEachNode(p.policy.nodes, [&](const policy::Node& n, int) {
      for (const auto& link : n.indicators) targets += link.target.has_value() ? 1 : 0;
    });
    if (targets > best_targets) {
      best = &p;
      best_targets = targets;
    }
  }
  if (best != nullptr) return best;
  const StoredPolicy* newest = nullptr;
  for (const StoredPolicy& p : policies) {
    if (newest == nullptr || p.version.loaded_at > newest->version.loaded_at) newest = &p;
  }
  return newest;
}

ConnectionPool::Lease::~Lease() {
  if (pool != nullptr && db != nullptr) {
    std::lock_guard lock(pool->mutex_);
    if (pool->idle_.size() < 256) pool->idle_.push_back(std::move(db));
  }
}

core::Result<ConnectionPool::Lease> ConnectionPool::Acquire() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      std::unique_ptr<store::Database> db = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(db));
    }
  }
  auto db = store::OpenSqlite(path_, store::SqliteOptions{.create = false});
  if (!db.ok()) return db.error();
  return Lease(this, std::move(db).value());
}

void SnapshotCache::Invalidate() {
  std::lock_guard lock(mutex_);
  checked_ = {};
}

core::Result<std::shared_ptr<const Snapshot>> SnapshotCache::Current(
    std::chrono::milliseconds recheck) {
  std::shared_ptr<const Snapshot> built;
  {
    std::lock_guard lock(mutex_);
    auto now = std::chrono::steady_clock::now();
    if (current_ && now - checked_ < recheck) return current_;
    auto db = pool_->Acquire();
    if (!db.ok()) return db.error();
    auto stamp = (*db)->ChangeStamp();
    if (!stamp.ok()) return stamp.error();
    checked_ = now;
    if (current_ && current_->stamp == *stamp) return current_;
    auto made = Build(**db, *stamp, current_.get());
    if (!made.ok()) return made.error();
    current_ = *made;
    built = current_;
  }
  if (built->stale && on_stale_) on_stale_(built->data_version);
  return built;
}

core::Result<std::shared_ptr<const Snapshot>> SnapshotCache::Build(store::Database& db,
                                                                   std::string stamp,
                                                                   const Snapshot* previous) {
  auto snap = std::make_shared<Snapshot>();
  snap->stamp = std::move(stamp);
  auto version = db.DataVersion();
  if (!version.ok()) return version.error();
  snap->data_version = *version;
  auto cube = metrics::LoadResults(db);
  if (cube.ok()) {
    snap->cube = std::make_shared<const metrics::MeasureCube>(std::move(cube).value());
    snap->results_version = snap->data_version;
  } else {
    // Between an import's commit and its recomputed results (or after a crash between the two):
    // the last figures, marked, while the new ones are computed.
    snap->results_error = cube.error().message();
    snap->stale = snap->data_version > 0;
    if (previous != nullptr && previous->cube) {
      snap->cube = previous->cube;
      snap->results_version = previous->results_version;
    } else if (auto stored = metrics::LoadStoredResults(db); stored.ok()) {
      snap->cube = std::make_shared<const metrics::MeasureCube>(std::move(stored->cube));
      snap->results_version = stored->data_version;
    }
  }
  if (auto header = db.LoadResults(false); header.ok() && header->has_value()) {
    snap->computed_at = (*header)->computed_at;
  }
  auto reference = metrics::ReferenceFigures::Load(reference_path_);
  if (!reference.ok()) return reference.error();
  snap->deadlines_path =
      (std::filesystem::path(reference_path_).parent_path() / "deadlines.csv").string();
  snap->reference = std::move(reference).value();
  auto log = db.ImportLog();
  if (!log.ok()) return log.error();
  if (!log->empty()) snap->last_import = log->front();

  auto versions = db.PolicyVersions();
  if (!versions.ok()) return versions.error();
  std::vector<std::string> ids;
  for (const store::PolicyVersion& v : *versions) {
    if (std::find(ids.begin(), ids.end(), v.policy_key) == ids.end()) ids.push_back(v.policy_key);
  }
  for (const std::string& id : ids) {
    auto stored = db.LoadPolicyVersion(id, 0);
    if (!stored.ok()) return stored.error();
    if (!stored->has_value()) continue;
    StoredPolicy entry;
    policy::Diagnostics diagnostics(id + ".yaml");
    entry.policy = policy::CheckPolicy((*stored)->document, &diagnostics);
    entry.lint = diagnostics.items();
    entry.version = **stored;
    entry.version.document.clear();
    for (const store::PolicyVersion& v : *versions) {
      if (v.policy_key == id) entry.versions.push_back(v);
    }
    auto assessments = db.Assessments(id);
    if (!assessments.ok()) return assessments.error();
    entry.assessments = std::move(assessments).value();
    snap->policies.push_back(std::move(entry));
  }
  return std::shared_ptr<const Snapshot>(std::move(snap));
}

core::Result<std::shared_ptr<const FollowupData>> Snapshot::Followup(store::Database& db) const {
  std::lock_guard lock(followup_mutex_);  // one reader builds it; the others wait for it
  if (followup_) return followup_;
  auto deadlines = metrics::Deadlines::Load(deadlines_path);
  if (!deadlines.ok()) return deadlines.error();
  auto w = db.LoadWorkforce();
  if (!w.ok()) return w.error();
  auto data = std::make_shared<FollowupData>();
  data->workforce = std::move(w).value();
  data->deadlines = std::move(deadlines).value();
  data->index = std::make_unique<metrics::FollowupIndex>(data->workforce);
  followup_ = std::move(data);
  return followup_;
}

}  // namespace agp::web
