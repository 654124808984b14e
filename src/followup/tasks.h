// A leader's week (DESIGN §10, §6): who may see which follow-up lists of individuals and record
// events, decided here, below the web layer, with the audit entry of every view, so that no page
// or export can forget either. Union representatives and viewers get the aggregates only: the
// overdue duties counted per unit, withheld as every figure (metrics/suppression.h).
#pragma once

#include <string>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "followup/dialogues_due.h"
#include "followup/duties.h"
#include "metrics/cells.h"
#include "metrics/individuals.h"
#include "store/database.h"

namespace agp::followup {

// The units whose individuals the viewer sees in the follow-up lists, as unit indices (empty:
// all): admins all, or `unit_key`'s subtree; leaders their own units, or `unit_key` when it lies
// in one of them. kForbidden for union representatives and viewers, and for a leader asking for
// a unit outside their subtrees; kNotFound for an unknown `unit_key`.
core::Result<std::vector<int32_t>> VisibleUnits(const core::Workforce& w,
                                                const metrics::Viewer& viewer,
                                                const std::string& unit_key);

struct Tasks {
  std::vector<int32_t> units;  // as VisibleUnits
  Worklist duties;
  std::vector<DialogueDue> dialogues;
};

// The viewer's duties and dialogues due on `day` (VisibleUnits' errors), after the view is
// written to the audit log (kIo, and nothing returned, when it cannot be).
core::Result<Tasks> ViewTasks(store::Database& db, const metrics::Viewer& viewer,
                              const core::Workforce& w, const metrics::FollowupIndex& index,
                              const DutyRules& rules, core::Date day, const std::string& unit_key,
                              const core::Clock& clock);

// Whether the viewer may record a follow-up event for the employee with `employee_key` on
// `today`: admins for anyone; leaders for a person with a listed duty in their units, or whose
// main position is in them. kForbidden otherwise, kNotFound for an unknown employee. Returns the
// employee's index.
core::Result<int32_t> MayRecordFor(const core::Workforce& w, const metrics::FollowupIndex& index,
                                   const DutyRules& rules, const metrics::Viewer& viewer,
                                   const std::string& employee_key, core::Date today);

// For every unit (indexed like Workforce::units): the overdue duties of its subtree (value and
// numerator) among the persons with any listed duty there (the population), withheld as every
// figure for a viewer who sees no individuals (min_group persons; complementary suppression).
std::vector<metrics::Cell> OverdueByUnit(const core::Workforce& w, const Worklist& all,
                                         int min_group);

}  // namespace agp::followup
