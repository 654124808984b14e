// Development dialogues due (medarbeidersamtale, DESIGN §10.4): the core staff of a leader's units
// whose last dialogue is more than 365 days before the day, or who have none and were hired at
// least 365 days before it — the same terms as the indicator dialogue_coverage (§4).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/date.h"
#include "core/records.h"
#include "metrics/followup_index.h"

namespace agp::followup {

struct DialogueDue {
  int32_t employee = -1;           // index into Workforce::employees
  int32_t unit = -1;               // the unit of the main position on the day
  std::optional<core::Date> last;  // the last dialogue on or before the day; none: never
  core::Date hired;                // the earliest core start_date
};

// Everyone due on `day` whose main position lies in the subtree of one of `units` (unit
// indices; empty: every unit), by unit key, then the oldest last dialogue first (none first),
// then employee key.
std::vector<DialogueDue> DialoguesDue(const core::Workforce& w, const metrics::FollowupIndex& index,
                                      core::Date day, const std::vector<int32_t>& units,
                                      int window_days = 365);

}  // namespace agp::followup
