// Sick-leave follow-up cases (oppfølgingstilfeller, DESIGN §10.1). A person's sick absence rows
// (egenmeldt, legemeldt), sorted by start and then file line, form cases: a row joins the current
// case when it starts at most `join_days` (16, NAV's arbeidsgiverperiode, folketrygdloven § 8-19;
// data/reference/deadlines.csv `employer_period`) days after the case's end. The follow-up
// deadlines of arbeidsmiljøloven § 4-6 count from the case's first day. The compliance
// indicators (engine) and the duties worklist (src/followup) both build their cases here;
// FollowupIndex also answers the other questions of the worklists (§10.4: main position,
// service, last dialogue) with the engine's own definitions.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "core/date.h"
#include "core/records.h"

namespace agp::metrics {

namespace internal {
struct Input;
}

struct SickCase {
  int32_t employee = -1;  // index into Workforce::employees
  core::Date start;
  core::Date end;                 // the latest end among its rows (may lie after the day known on)
  bool doctor_certified = false;  // holds a legemeldt row
  int32_t first_row = 0;          // internal: the case's rows in FollowupIndex's order
  int32_t last_row = 0;
};

class FollowupIndex {
 public:
  // Indexes `w`, which must outlive this object.
  explicit FollowupIndex(const core::Workforce& w);
  ~FollowupIndex();
  FollowupIndex(const FollowupIndex&) = delete;
  FollowupIndex& operator=(const FollowupIndex&) = delete;

  // Every person's cases built from the rows that start on or before `day`, by employee index
  // and start; rows join when at most `join_days` apart (the rule in force on `day`).
  std::vector<SickCase> KnownOn(core::Date day, int join_days) const;
  // The largest grade among the case's rows covering `day` is 100 (egenmeldt is 100).
  bool FullyAbsentOn(const SickCase& c, core::Date day) const;
  // The unit index the case counts in on `day` (DESIGN §10.1); -1 when the person has no
  // position row at all.
  int32_t UnitOn(const SickCase& c, core::Date day) const;
  // The case's rows as indices into Workforce::absences, by start and file line.
  std::vector<int32_t> Rows(const SickCase& c) const;

  // The unit of employee `e`'s main position on `day` (DESIGN §4); -1 when not core staff.
  int32_t MainUnitOn(int32_t e, core::Date day) const;
  // The earliest start of the core rows of `e` that started on or before `day` (ended ones too).
  std::optional<core::Date> EarliestCoreStart(int32_t e, core::Date day) const;
  // The latest dialogue of `e` dated on or before `day`.
  std::optional<core::Date> LastDialogue(int32_t e, core::Date day) const;
  int employee_count() const;

 private:
  std::unique_ptr<internal::Input> in_;
};

}  // namespace agp::metrics
