// The stages of the demo generator and what they hand each other (internal to agp::demo).
//
//   BuildUnitTree      units, and the places (slots) their staff fill     unit_tree.cpp
//   StaffOrganisation  people and positions over time                     staffing.cpp
//   AddAbsences        sick leave, other leave and follow-up events       absence_model.cpp
//   AddAnnualEvents    pay settlements and development dialogues          annual_events.cpp
//
// Every stage appends to one core::Workforce. The stages draw from their own random streams,
// derived from the seed, so each is deterministic for the options.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/date.h"
#include "core/records.h"
#include "demo/catalogue.h"
#include "demo/generator.h"

namespace agp::demo {

// The generated span: whole years, first.year() = last_year − years + 1 and last = 31 Dec
// last_year. Positions may start before `first`; so may absences, pay and dialogues of the year
// before it (a warm-up year, so that the first months of the window look like any other).
struct Window {
  core::Date first;
  core::Date last;
  core::Date warmup() const { return core::Date::FromYmd(first.year() - 1, 1, 1); }
};

// One place of work that one person at a time fills: a job in a unit. Vacancies between holders
// and the people who come and go make headcount hover just below the number of slots.
struct Slot {
  int32_t unit = -1;
  JobId job = JobId::kAssistant;
  Schedule schedule = Schedule::kDay;
  uint8_t sector = 0;  // index into Sectors()
};

// How a unit differs from the next: invented, so that figures vary between units as they do in
// real municipalities.
struct UnitTraits {
  float sick_leave = 1;        // multiplier on the rate of sick leave
  float dialogue_rate = 0.8F;  // chance a year that an employee has a development dialogue
  float followup = 1;          // diligence with follow-up deadlines (multiplier on "on time")
  float leader_women = 0.7F;   // chance that a new leader of the unit is a woman
};

struct ApprenticePlace {
  int32_t unit = -1;
  JobId job = JobId::kApprenticeOther;
};

struct Organisation {
  std::vector<Slot> slots;                                // core places; leaders first in each unit
  std::vector<UnitTraits> traits;                         // by unit index
  std::vector<std::pair<int32_t, int32_t>> unit_slots;    // by unit: [first slot, end slot)
  std::vector<std::pair<int32_t, int32_t>> sector_slots;  // by sector: [first slot, end slot)
  std::vector<ApprenticePlace> apprentice_places;
};

Organisation BuildUnitTree(const DemoOptions& options, uint64_t seed, core::Workforce* w);

void StaffOrganisation(const Window& window, const Organisation& org, uint64_t seed,
                       core::Workforce* w);

// One person's position rows, indices into w.periods, ordered by start date.
using PersonPeriods = std::span<const int32_t>;

// Appends the person's absences (and, for long doctor-certified ones, follow-up events). Every
// absence lies within a span of the person's positions other than timelonnet, and ends on or
// after window.first and on or before window.last.
void AddAbsences(const Window& window, const Organisation& org, int32_t person,
                 PersonPeriods periods, uint64_t seed, core::Workforce* w);

// Appends one pay row a year for each core person (the settlement on 1 May, and at hire) and
// development dialogues, from the warm-up year on.
void AddAnnualEvents(const Window& window, const Organisation& org, int32_t person,
                     PersonPeriods periods, uint64_t seed, core::Workforce* w);

inline bool IsCore(core::Employment e) {
  return e == core::Employment::kPermanent || e == core::Employment::kTemporary;
}

}  // namespace agp::demo
