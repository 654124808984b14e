#include "followup/tasks.h"

#include <algorithm>

#include "metrics/suppression.h"

namespace agp::followup {

core::Result<std::vector<int32_t>> VisibleUnits(const core::Workforce& w,
                                                const metrics::Viewer& viewer,
                                                const std::string& unit_key) {
  int32_t asked = -1;
  if (!unit_key.empty()) {
    asked = FindUnit(w, unit_key);
    if (asked < 0) return core::Error(core::ErrorCode::kNotFound, "ukjent enhet");
  }
  switch (viewer.role) {
    case core::Role::kAdmin:
      if (asked >= 0) return std::vector<int32_t>{asked};
      return std::vector<int32_t>{};
    case core::Role::kLeader: {
      std::vector<int32_t> own;
      for (const std::string& key : viewer.units) {
        if (const int32_t u = FindUnit(w, key); u >= 0) own.push_back(u);
      }
      if (asked >= 0) {
        if (!InAnySubtree(w, asked, own) || own.empty()) {
          return core::Error(core::ErrorCode::kForbidden,
                             "du kan bare se oppgaver i dine egne enheter");
        }
        return std::vector<int32_t>{asked};
      }
      if (own.empty()) {
        // A leader whose units are gone from the data sees nobody (never everyone).
        return core::Error(core::ErrorCode::kForbidden, "ingen av dine enheter finnes i dataene");
      }
      return own;
    }
    case core::Role::kUnion:
    case core::Role::kViewer:
      break;
  }
  return core::Error(core::ErrorCode::kForbidden,
                     "oppgavene gjelder enkeltpersoner; din rolle ser bare samlede tall");
}

core::Result<Tasks> ViewTasks(store::Database& db, const metrics::Viewer& viewer,
                              const core::Workforce& w, const metrics::FollowupIndex& index,
                              const DutyRules& rules, core::Date day, const std::string& unit_key,
                              const core::Clock& clock) {
  auto units = VisibleUnits(w, viewer, unit_key);
  if (!units.ok()) return units.error();
  Tasks t;
  t.units = *units;
  t.duties = BuildWorklist(w, index, day, rules, t.units);
  t.dialogues = DialoguesDue(w, index, day, t.units);
  store::AuditEntry entry;
  entry.at = clock.NowUtc();
  entry.actor = viewer.name;
  entry.action = "individuals.view";
  std::string object = "oppgaver:";
  if (t.units.empty()) object += "*";
  for (size_t i = 0; i < t.units.size(); ++i) {
    object += (i ? "," : "") + w.units[static_cast<size_t>(t.units[i])].key;
  }
  entry.object = object;
  entry.detail = day.ToIso() + ", " + std::to_string(t.duties.duties.size()) + " frister, " +
                 std::to_string(t.dialogues.size()) + " samtaler";
  if (auto a = db.AppendAudit(entry); !a.ok()) return a.error();
  return t;
}

core::Result<int32_t> MayRecordFor(const core::Workforce& w, const metrics::FollowupIndex& index,
                                   const DutyRules& rules, const metrics::Viewer& viewer,
                                   const std::string& employee_key, core::Date today) {
  int32_t e = -1;
  for (size_t i = 0; i < w.employees.size(); ++i) {
    if (w.employees[i].key == employee_key) e = static_cast<int32_t>(i);
  }
  if (e < 0) return core::Error(core::ErrorCode::kNotFound, "ukjent ansatt");
  auto units = VisibleUnits(w, viewer, "");
  if (!units.ok()) return units.error();
  if (units->empty()) return e;  // admins
  if (InAnySubtree(w, index.MainUnitOn(e, today), *units)) return e;
  const Worklist list = BuildWorklist(w, index, today, rules, *units);
  for (const std::vector<DutyRow>* rows : {&list.duties, &list.milestones}) {
    for (const DutyRow& r : *rows) {
      if (r.employee == e) return e;
    }
  }
  return core::Error(core::ErrorCode::kForbidden,
                     "du kan bare registrere oppfølging for ansatte i dine egne enheter");
}

std::vector<metrics::Cell> OverdueByUnit(const core::Workforce& w, const Worklist& all,
                                         int min_group) {
  const size_t n = w.units.size();
  std::vector<int64_t> overdue(n, 0);
  // Distinct persons per subtree: each person's units and their ancestors, once each.
  std::vector<std::vector<int32_t>> persons(n);
  for (const DutyRow& r : all.duties) {
    int32_t u = r.unit;
    for (size_t steps = 0; u >= 0 && steps <= n; ++steps) {  // bounded: no cycle can hang us
      if (r.status == DutyStatus::kOverdue) overdue[static_cast<size_t>(u)]++;
      persons[static_cast<size_t>(u)].push_back(r.employee);
      u = w.units[static_cast<size_t>(u)].parent;
    }
  }
  std::vector<metrics::Cell> cells(n);
  std::vector<int32_t> parent(n);
  for (size_t u = 0; u < n; ++u) {
    std::vector<int32_t>& p = persons[u];
    std::sort(p.begin(), p.end());
    p.erase(std::unique(p.begin(), p.end()), p.end());
    cells[u].value = static_cast<double>(overdue[u]);
    cells[u].numerator = static_cast<double>(overdue[u]);
    cells[u].groups[0] = static_cast<int64_t>(p.size());
    parent[u] = w.units[u].parent;
  }
  metrics::Suppress(parent, cells, metrics::Audience{min_group, nullptr});
  return cells;
}

}  // namespace agp::followup
