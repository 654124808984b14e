#include "followup/duties.h"

#include <algorithm>
#include <tuple>

namespace agp::followup {

std::string_view ToCode(DutyKind k) {
  switch (k) {
    case DutyKind::kFollowupPlan:
      return "oppfolgingsplan";
    case DutyKind::kDialogueMeeting1:
      return "dialogmote1";
    case DutyKind::kDialogueMeeting2:
      return "dialogmote2";
  }
  return "";
}

std::string_view ToCode(DutyStatus s) {
  switch (s) {
    case DutyStatus::kDone:
      return "done";
    case DutyStatus::kLate:
      return "late";
    case DutyStatus::kUnnecessary:
      return "unnecessary";
    case DutyStatus::kConsider:
      return "consider";
    case DutyStatus::kOverdue:
      return "overdue";
    case DutyStatus::kDue:
      return "due";
  }
  return "";
}

std::string_view Label(DutyStatus s) {
  switch (s) {
    case DutyStatus::kDone:
      return "utført";
    case DutyStatus::kLate:
      return "utført for sent";
    case DutyStatus::kUnnecessary:
      return "åpenbart unødvendig";
    case DutyStatus::kConsider:
      return "vurder";
    case DutyStatus::kOverdue:
      return "forfalt";
    case DutyStatus::kDue:
      return "kommer";
  }
  return "";
}

core::Result<DutyRules> DutyRules::From(const metrics::Deadlines& deadlines, core::Date day) {
  DutyRules r;
  struct Field {
    const char* key;
    int* days;
  };
  for (const Field& f :
       {Field{"followup_plan", &r.plan_days}, Field{"dialogue_meeting1", &r.meeting1_days},
        Field{"dialogue_meeting2", &r.meeting2_days}, Field{"employer_period", &r.join_days}}) {
    auto days = deadlines.DaysOn(f.key, day);
    if (!days.ok()) return days.error();
    *f.days = *days;
  }
  return r;
}

int32_t FindUnit(const core::Workforce& w, std::string_view key) {
  for (size_t i = 0; i < w.units.size(); ++i) {
    if (w.units[i].key == key) return static_cast<int32_t>(i);
  }
  return -1;
}

int32_t TopUnit(const core::Workforce& w) {
  for (size_t i = 0; i < w.units.size(); ++i) {
    if (w.units[i].parent < 0) return static_cast<int32_t>(i);
  }
  return -1;
}

bool InSubtree(const core::Workforce& w, int32_t u, int32_t root) {
  if (root < 0) return true;
  // Bounded by the number of units, so that a cycle (refused on import) cannot hang us.
  for (size_t steps = 0; u >= 0 && steps <= w.units.size(); ++steps) {
    if (u == root) return true;
    u = w.units[static_cast<size_t>(u)].parent;
  }
  return false;
}

bool InAnySubtree(const core::Workforce& w, int32_t u, const std::vector<int32_t>& roots) {
  if (roots.empty()) return true;
  for (const int32_t root : roots) {
    if (InSubtree(w, u, root)) return true;
  }
  return false;
}

namespace {

core::FollowupKind EventKind(DutyKind d) {
  switch (d) {
    case DutyKind::kFollowupPlan:
      return core::FollowupKind::kFollowupPlan;
    case DutyKind::kDialogueMeeting1:
      return core::FollowupKind::kDialogueMeeting1;
    case DutyKind::kDialogueMeeting2:
      break;
  }
  return core::FollowupKind::kDialogueMeeting2;
}

// The follow-up events of each employee, by kind and date: events[begin[e] .. begin[e + 1]).
struct EventIndex {
  std::vector<int32_t> begin;
  std::vector<const core::FollowupEvent*> events;

  explicit EventIndex(const core::Workforce& w) {
    const size_t n = w.employees.size();
    begin.assign(n + 1, 0);
    for (const core::FollowupEvent& f : w.followup) begin[static_cast<size_t>(f.employee) + 1]++;
    for (size_t e = 0; e < n; ++e) begin[e + 1] += begin[e];
    events.resize(w.followup.size());
    std::vector<int32_t> fill(begin.begin(), begin.end() - 1);
    for (const core::FollowupEvent& f : w.followup) events[fill[f.employee]++] = &f;
    for (size_t e = 0; e < n; ++e) {
      std::sort(events.begin() + begin[e], events.begin() + begin[e + 1],
                [](const core::FollowupEvent* a, const core::FollowupEvent* b) {
                  return std::tie(a->kind, a->date) < std::tie(b->kind, b->date);
                });
    }
  }
};

struct Found {
  const core::FollowupEvent* done = nullptr;  // the earliest event that is not "unnecessary"
  bool unnecessary = false;
};

Found Find(const EventIndex& index, int32_t e, core::FollowupKind kind, core::Date from,
           core::Date to) {
  Found f;
  for (int32_t i = index.begin[e]; i < index.begin[e + 1]; ++i) {
    const core::FollowupEvent* ev = index.events[i];
    if (ev->kind != kind || ev->date < from || ev->date > to) continue;
    if (ev->unnecessary) {
      f.unnecessary = true;
    } else if (f.done == nullptr) {
      f.done = ev;
    }
  }
  return f;
}

}  // namespace

Worklist BuildWorklist(const core::Workforce& w, const metrics::FollowupIndex& index,
                       core::Date day, const DutyRules& rules, const std::vector<int32_t>& units) {
  Worklist list;
  list.day = day;
  const EventIndex events(w);
  const core::Date first_due = day.AddDays(-rules.lookback);
  const core::Date last_due = day.AddDays(rules.lookahead);
  struct Rule {
    DutyKind kind;
    int days;
  };
  const Rule rule[] = {{DutyKind::kFollowupPlan, rules.plan_days},
                       {DutyKind::kDialogueMeeting1, rules.meeting1_days},
                       {DutyKind::kDialogueMeeting2, rules.meeting2_days}};
  for (const metrics::SickCase& c : index.KnownOn(day, rules.join_days)) {
    // Events count from the case start to 16 days after its end, and only when known by `day`.
    const core::Date window_end = std::min(day, c.end.AddDays(rules.join_days));
    for (const Rule& r : rule) {
      const core::Date due = c.start.AddDays(r.days - 1);
      if (due < first_due || due > last_due || c.end < due) continue;  // lasts through the day
      const int32_t u = index.UnitOn(c, due);
      if (!InAnySubtree(w, u, units)) continue;
      DutyRow row{c.employee,   u,     c.start,         c.end, r.kind, due,
                  std::nullopt, false, DutyStatus::kDue};
      const Found f = Find(events, c.employee, EventKind(r.kind), c.start, window_end);
      if (f.done != nullptr) {
        row.done = f.done->date;
        row.done_in_app = f.done->recorded_in_app;
        row.status = f.done->date <= due ? DutyStatus::kDone : DutyStatus::kLate;
      } else if (f.unnecessary && r.kind != DutyKind::kDialogueMeeting2) {
        row.status = DutyStatus::kUnnecessary;
      } else if (r.kind == DutyKind::kDialogueMeeting1 && !index.FullyAbsentOn(c, due)) {
        row.status = DutyStatus::kConsider;
      } else {
        row.status = due < day ? DutyStatus::kOverdue : DutyStatus::kDue;
      }
      (r.kind == DutyKind::kDialogueMeeting2 ? list.milestones : list.duties).push_back(row);
    }
  }
  const auto order = [&](const DutyRow& a, const DutyRow& b) {
    if (a.due != b.due) return a.due < b.due;
    const std::string& ka = w.employees[static_cast<size_t>(a.employee)].key;
    const std::string& kb = w.employees[static_cast<size_t>(b.employee)].key;
    if (ka != kb) return ka < kb;
    return ToCode(a.duty) < ToCode(b.duty);
  };
  std::sort(list.duties.begin(), list.duties.end(), order);
  std::sort(list.milestones.begin(), list.milestones.end(), order);
  return list;
}

std::string WorklistCsv(const core::Workforce& w, const Worklist& list) {
  std::string out = "employee_id,unit_id,case_start,case_end,duty,due_date,done_date,status\n";
  for (const DutyRow& r : list.duties) {
    out += w.employees[static_cast<size_t>(r.employee)].key;
    out += ',';
    if (r.unit >= 0) out += w.units[static_cast<size_t>(r.unit)].key;
    out += ',' + r.case_start.ToIso() + ',' + r.case_end.ToIso() + ',';
    out += ToCode(r.duty);
    out += ',' + r.due.ToIso() + ',';
    if (r.done) out += r.done->ToIso();
    out += ',';
    out += ToCode(r.status);
    out += '\n';
  }
  return out;
}

}  // namespace agp::followup
