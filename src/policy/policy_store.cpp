#include "policy/policy_store.h"

#include <xxhash.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/text.h"
#include "policy/policy_yaml.h"

namespace agp::policy {
namespace {

std::string Checksum(const std::string& text) {
  // XXH3-128 tells documents apart; it is not a defence against forgery.
  const XXH128_hash_t h = XXH3_128bits(text.data(), text.size());
  char buf[33];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                static_cast<unsigned long long>(h.low64));
  return buf;
}

std::string EvidenceJson(const std::vector<Evidence>& evidence) {
  nlohmann::json list = nlohmann::json::array();
  for (const Evidence& e : evidence) {
    nlohmann::json item = {{"title", e.title}};
    if (!e.url.empty()) item["url"] = e.url;
    if (!e.file.empty()) item["file"] = e.file;
    list.push_back(std::move(item));
  }
  return list.dump();
}

store::AssessmentRecord ToRecord(const std::string& policy_key, const Assessment& a,
                                 const std::string& recorded_at, const char* origin) {
  store::AssessmentRecord r;
  r.policy_key = policy_key;
  r.node_id = a.node;
  r.period = a.period;
  r.verdict = a.verdict;
  r.narrative = a.narrative;
  r.evidence = EvidenceJson(a.evidence);
  r.assessed_by = a.by;
  r.assessed_on = a.date;
  r.recorded_at = recorded_at;
  r.origin = origin;
  return r;
}

}  // namespace

core::Status RecordAssessment(store::Database& db, const std::string& policy_key, Assessment a,
                              const core::Clock& clock) {
  if (a.date.empty()) a.date = clock.Today().ToIso();
  // As in a policy file (policy_yaml.cpp): no control characters but line breaks and tabs.
  for (const auto& [field, text] :
       {std::pair<const char*, const std::string*>{"begrunnelse", &a.narrative},
        {"vurdert av", &a.by}}) {
    if (std::string control = core::ControlCharacterIn(*text, "\t\n\r"); !control.empty()) {
      return core::Error(core::ErrorCode::kInvalidInput,
                         std::string("Feltet «") + field + "» inneholder kontrolltegnet " +
                             control + ", som ikke kan stå i en tekst. Fjern det og prøv igjen.");
    }
  }
  return db.AddAssessment(ToRecord(policy_key, a, clock.NowUtc(), "agp"));
}

core::Result<LoadOutcome> StorePolicy(store::Database& db, const Policy& policy,
                                      const std::string& source, const core::Clock& clock) {
  store::PolicyVersion v;
  v.policy_key = policy.id;
  v.title = policy.title;
  v.valid_from = policy.valid.from;
  v.valid_to = policy.valid.to;
  v.loaded_at = clock.NowUtc();
  v.source = source;
  v.document = WritePolicy(policy);
  v.checksum = Checksum(v.document);

  auto stored = db.Assessments(policy.id);
  if (!stored.ok()) return stored.error();
  std::vector<store::AssessmentRecord> fresh;
  for (const Assessment& a : policy.assessments) {
    store::AssessmentRecord r = ToRecord(policy.id, a, v.loaded_at, "document");
    bool known = false;
    for (const store::AssessmentRecord& s : *stored) {
      known = known || (s.node_id == r.node_id && s.period == r.period && s.verdict == r.verdict &&
                        s.narrative == r.narrative && s.evidence == r.evidence &&
                        s.assessed_by == r.assessed_by && s.assessed_on == r.assessed_on);
    }
    if (!known) fresh.push_back(std::move(r));
  }
  auto newest = db.LoadPolicyVersion(policy.id);
  if (!newest.ok()) return newest.error();
  const int before = *newest ? (*newest)->version : 0;
  const size_t count = fresh.size();
  auto added = db.AddPolicyVersion(std::move(v), fresh);
  if (!added.ok()) return added.error();
  LoadOutcome out;
  out.version = std::move(added).value();
  out.added = out.version.version != before;
  out.assessments_added = out.added ? static_cast<int>(count) : 0;
  return out;
}

core::Result<std::string> PolicyKeyFor(store::Database& db, const std::string& asked,
                                       core::Date day) {
  auto versions = db.PolicyVersions();
  if (!versions.ok()) return versions.error();
  std::string key = asked;
  if (key.empty()) {
    const std::string iso = day.ToIso();
    for (const store::PolicyVersion& v : *versions) {
      const bool valid = (v.valid_from.empty() || v.valid_from <= iso) &&
                         (v.valid_to.empty() || iso <= v.valid_to);
      if (valid) key = v.policy_key;
    }
    if (key.empty() && !versions->empty()) key = versions->back().policy_key;
    if (key.empty()) {
      return core::Error(core::ErrorCode::kUsage,
                         "ingen arbeidsgiverpolitikk er lastet (agp policy load FIL)");
    }
  }
  for (const store::PolicyVersion& v : *versions) {
    if (v.policy_key == key) return key;
  }
  return core::Error(core::ErrorCode::kUsage, "ingen arbeidsgiverpolitikk med id «" + key + "»");
}

core::Result<Policy> LoadStoredPolicy(store::Database& db, const std::string& policy_key,
                                      int version) {
  auto v = db.LoadPolicyVersion(policy_key, version);
  if (!v.ok()) return v.error();
  if (!*v) {
    return core::Error(core::ErrorCode::kNotFound,
                       version == 0
                           ? "ingen arbeidsgiverpolitikk med id «" + policy_key + "» er lastet"
                           : "«" + policy_key + "» har ingen versjon " + std::to_string(version));
  }
  Diagnostics d("database");
  Policy p = ReadPolicy((*v)->document, &d);
  if (d.error_count() > 0) {
    return core::Error(core::ErrorCode::kInternal,
                       "den lagrede versjonen kan ikke leses: " + d.items()[0].ToString());
  }
  return p;
}

const store::AssessmentRecord* CurrentAssessment(
    const std::vector<store::AssessmentRecord>& history, const std::string& node,
    const std::string& period) {
  const store::AssessmentRecord* current = nullptr;
  for (const store::AssessmentRecord& a : history) {
    if (a.node_id == node && a.period == period) current = &a;  // oldest first: the last counts
  }
  return current;
}

}  // namespace agp::policy
