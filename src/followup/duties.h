// The sick-leave duties worklist (DESIGN §10.2): for every follow-up case known on a day, the
// employer's duties of arbeidsmiljøloven § 4-6 — the follow-up plan by day 28 (§ 4-6 (3)) and
// dialogue meeting 1 by day 49 (§ 4-6 (4)) — with their status, and NAV's dialogue meeting 2 at
// week 26 (folketrygdloven § 8-7 a) as a milestone. The deadlines are data
// (data/reference/deadlines.csv); `agp followup duties` prints this list as a contract.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "core/records.h"
#include "metrics/followup_index.h"
#include "metrics/reference.h"

namespace agp::followup {

enum class DutyKind : uint8_t {
  kFollowupPlan,      // oppfolgingsplan
  kDialogueMeeting1,  // dialogmote1
  kDialogueMeeting2,  // dialogmote2: NAV's meeting, a milestone for the employer
};
std::string_view ToCode(DutyKind k);  // the followup.csv event code

enum class DutyStatus : uint8_t {
  kDone,         // the event is dated on or before the due day
  kLate,         // the event is dated after the due day
  kUnnecessary,  // "åpenbart unødvendig" recorded with a reason, no event
  kConsider,     // dialogue meeting 1 when not fully absent on the due day, no event
  kOverdue,      // no event and the due day has passed
  kDue,          // no event, the due day is today or later
};
std::string_view ToCode(DutyStatus s);
// Norwegian (bokmål) for people: "utført", "for sent", "åpenbart unødvendig", …
std::string_view Label(DutyStatus s);

// The rules in force on a day, from data/reference/deadlines.csv.
struct DutyRules {
  int plan_days = 28;
  int meeting1_days = 49;
  int meeting2_days = 182;
  int join_days = 16;  // the follow-up case rule (employer_period)
  int lookback = 365;  // duties due in D − lookback … D + lookahead are listed
  int lookahead = 14;
  static core::Result<DutyRules> From(const metrics::Deadlines& deadlines, core::Date day);
};

struct DutyRow {
  int32_t employee = -1;  // index into Workforce::employees
  int32_t unit = -1;      // the unit the case counts in on the due day (DESIGN §10.1)
  core::Date case_start;
  core::Date case_end;  // as known on the day (rows that started by then)
  DutyKind duty = DutyKind::kFollowupPlan;
  core::Date due;
  std::optional<core::Date> done;  // the earliest event of the duty's kind in the window
  bool done_in_app = false;        // that event was recorded in agp
  DutyStatus status = DutyStatus::kDue;
};

struct Worklist {
  core::Date day;
  // Employer duties in the contract's order: due date, employee_id, duty code.
  std::vector<DutyRow> duties;
  // Dialogue meeting 2 (NAV calls it; the employer attends and sends the updated plan a week
  // before): status kDone when a dialogmote2 event is dated in the window, else kDue or kOverdue.
  std::vector<DutyRow> milestones;
};

// The worklist on `day` over the subtrees of the unit indices `units` (empty: every unit).
Worklist BuildWorklist(const core::Workforce& w, const metrics::FollowupIndex& index,
                       core::Date day, const DutyRules& rules,
                       const std::vector<int32_t>& units = {});

// The index of the unit with `key` (unit_id of the package); -1 when there is none.
int32_t FindUnit(const core::Workforce& w, std::string_view key);
// The top of the organisation (the first unit without a parent); -1 when there are no units.
int32_t TopUnit(const core::Workforce& w);
// Whether unit `u` lies in the subtree of `root` (-1: every unit does).
bool InSubtree(const core::Workforce& w, int32_t u, int32_t root);
// Whether unit `u` lies in the subtree of one of `roots` (empty: every unit does).
bool InAnySubtree(const core::Workforce& w, int32_t u, const std::vector<int32_t>& roots);

// The CSV of the contract (DESIGN §10.2), header first.
std::string WorklistCsv(const core::Workforce& w, const Worklist& list);

}  // namespace agp::followup
