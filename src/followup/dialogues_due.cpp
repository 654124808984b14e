#include "followup/dialogues_due.h"

#include <algorithm>

#include "followup/duties.h"

namespace agp::followup {

std::vector<DialogueDue> DialoguesDue(const core::Workforce& w, const metrics::FollowupIndex& index,
                                      core::Date day, const std::vector<int32_t>& units,
                                      int window_days) {
  std::vector<DialogueDue> due;
  for (int32_t e = 0; e < index.employee_count(); ++e) {
    const int32_t unit = index.MainUnitOn(e, day);
    if (unit < 0) continue;  // not core staff on the day
    if (!InAnySubtree(w, unit, units)) continue;
    const std::optional<core::Date> last = index.LastDialogue(e, day);
    const std::optional<core::Date> hired = index.EarliestCoreStart(e, day);
    if (!hired) continue;
    const bool is_due = last ? day - *last > window_days : day - *hired >= window_days;
    if (is_due) due.push_back({e, unit, last, *hired});
  }
  std::sort(due.begin(), due.end(), [&](const DialogueDue& a, const DialogueDue& b) {
    const std::string& ua = w.units[static_cast<size_t>(a.unit)].key;
    const std::string& ub = w.units[static_cast<size_t>(b.unit)].key;
    if (ua != ub) return ua < ub;
    if (a.last != b.last) return !a.last || (b.last && *a.last < *b.last);
    return w.employees[static_cast<size_t>(a.employee)].key <
           w.employees[static_cast<size_t>(b.employee)].key;
  });
  return due;
}

}  // namespace agp::followup
