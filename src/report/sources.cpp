// Reading what a report needs from the database: which policy, its assessments, the data version.
#include <filesystem>

#include "core/date.h"
#include "policy/policy_store.h"
#include "report/report.h"

namespace agp::report {

core::Result<ReportSources> LoadReportSources(store::Database& db, const std::string& policy_key,
                                              const core::Period& period, core::Date today) {
  // The policy in force on the period's count date unless one is asked for.
  auto chosen = policy::PolicyKeyFor(db, policy_key, period.count_date());
  if (!chosen.ok()) return chosen.error();
  const std::string& key = *chosen;
  ReportSources out;
  auto p = policy::LoadStoredPolicy(db, key);
  if (!p.ok()) return p.error();
  out.policy = std::move(*p);
  auto newest = db.LoadPolicyVersion(key, 0);
  if (!newest.ok()) return newest.error();
  if (*newest) out.policy_version = (*newest)->version;
  auto history = db.Assessments(key);
  if (!history.ok()) return history.error();
  out.assessments = std::move(*history);
  // Units are named from the results' cube: no workforce is read for the measures.
  auto measures = followup::LoadMeasures(db, out.policy, core::Workforce{}, today);
  if (!measures.ok()) return measures.error();
  out.measures = std::move(*measures);
  auto version = db.DataVersion();
  if (!version.ok()) return version.error();
  out.data_version = *version;
  auto log = db.ImportLog();
  if (!log.ok()) return log.error();
  for (const store::ImportRecord& r : *log) {
    if (r.data_version != out.data_version) continue;
    out.imported_at = r.imported_at;
    out.imported_from = std::filesystem::path(r.source).filename().string();
  }
  return out;
}

void UseSources(const ReportSources& sources, ReportInput* input) {
  input->policy = &sources.policy;
  input->policy_version = sources.policy_version;
  input->assessments = &sources.assessments;
  input->data_version = sources.data_version;
  input->imported_at = sources.imported_at;
  input->imported_from = sources.imported_from;
  input->measures = &sources.measures;
}

}  // namespace agp::report
