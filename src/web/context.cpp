#include "web/context.h"

#include <algorithm>

#include "metrics/access.h"
#include "web/forms.h"

namespace agp::web {

metrics::Viewer Context::viewer() const {
  metrics::Viewer v;
  if (session_) {
    v.name = session_->user;
    v.role = session_->role;
    v.units = session_->units;
  }
  return v;
}

bool Context::is_admin() const { return session_ && session_->role == core::Role::kAdmin; }

metrics::Audience Context::audience() const {
  if (!snapshot_ || !snapshot_->cube || !session_) {
    metrics::Audience nobody;
    nobody.min_group = services_.options.min_group;
    return nobody;
  }
  return metrics::AudienceFor(session_->role, session_->units, *snapshot_->cube,
                              services_.options.min_group);
}

std::string Context::audience_key() const {
  if (!session_) return "anonymous";
  std::string key(core::RoleKey(session_->role));
  if (session_->role == core::Role::kLeader) {
    std::vector<std::string> units = session_->units;
    std::sort(units.begin(), units.end());
    for (const std::string& u : units) key += "|" + u;
  }
  return key;
}

std::string Context::match(int i) const {
  if (i < 0 || static_cast<size_t>(i) >= req_.matches.size()) return "";
  return UrlDecode(req_.matches[i].str(), false);
}

std::string Context::param(const std::string& name) const {
  auto it = form_.find(name);
  if (it != form_.end()) return it->second;
  return req_.has_param(name.c_str()) ? req_.get_param_value(name.c_str()) : "";
}

std::string Context::form_param(const std::string& name) const {
  auto it = form_.find(name);
  return it == form_.end() ? "" : it->second;
}

bool Context::has_param(const std::string& name) const {
  return form_.count(name) > 0 || req_.has_param(name.c_str());
}

store::Database* Context::db() {
  if (!db_) {
    auto lease = services_.pool->Acquire();
    if (!lease.ok()) return nullptr;
    db_.emplace(std::move(lease).value());
  }
  return db_->db.get();
}

core::Status Context::AppendAudit() {
  store::Database* database = db();
  if (database == nullptr || !session_) {
    return core::Error(core::ErrorCode::kIo, "the database cannot be opened");
  }
  store::AuditEntry entry;
  entry.at = services_.clock->NowUtc();
  entry.actor = session_->user;
  entry.action = audit_action_;
  entry.object = audit_object_.empty() ? req_.path : audit_object_;
  entry.detail = audit_detail_;
  if (auto e = database->AppendAudit(entry); !e.ok()) return e.error();
  return core::Ok{};
}

core::Status Context::CommitAudited(const std::function<core::Status()>& write) {
  store::Database* database = db();
  if (database == nullptr)
    return core::Error(core::ErrorCode::kIo, "the database cannot be opened");
  core::Status done = database->Atomically([&]() -> core::Status {
    if (core::Status s = write(); !s.ok()) return s;
    return AppendAudit();
  });
  committed_ = done.ok();
  return done;
}

std::optional<core::Period> Context::period() const {
  if (!snapshot_ || !snapshot_->cube) return std::nullopt;
  std::string asked = param("periode");
  if (!asked.empty()) {
    auto p = core::Period::Parse(asked);
    if (p && snapshot_->cube->FindPeriod(*p) >= 0) return p;
  }
  return snapshot_->DefaultYear(clock().Today());
}

}  // namespace agp::web
