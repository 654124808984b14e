// From a staffing plan, the working-time rules and the staff to a rota (DESIGN §12): the plan is
// translated into the rota engine's model (src/roster/), the engine solves it, and the result is
// judged by the independent check of rota.h.
//
// The translation: the plan's shifts become shift types with their working time; the daily rest
// becomes the shifts that may not follow each other on consecutive days; each person's hours over
// the period become the minimum and maximum total minutes (the position's share of full time, ±
// one hour a week); the weekend frequency the most weekends; the plan's weekday demand the cover,
// an uncovered shift weighing far more than a surplus one; the weekly rest inside each calendar
// week and the 54 h a week are held by the engine itself (roster::Instance::weekly_rest_minutes,
// from the shifts' clock times, and max_week_minutes). What the engine's model does not hold — the
// rota repeating (day N followed by day 1, whose night can take the first Monday's morning) — is
// enforced by repair rounds: a person whose first week lacks its rest, or whose last day clashes
// with the first, gets a day off there and the engine solves again.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/table.h"
#include "roster/model.h"
#include "staffing/calculator.h"
#include "staffing/plan.h"
#include "staffing/rota.h"

namespace agp::staffing {

struct StaffMember {
  std::string name;
  double position_size = 100;  // percent
};

// Persons as the calculator proposes them: k full time and the other n − k sharing the rest of
// the hours in whole percent (none below the smallest position that covers its own weekends).
std::vector<StaffMember> ProposedStaff(const Figures& figures);

// A staff file from `reader` (opened by the caller): header `person,position_size` (more columns
// are ignored), one row per person.
std::optional<std::vector<StaffMember>> ReadStaff(core::TableReader& reader,
                                                  const std::string& file,
                                                  std::vector<core::Error>* errors);

// Cover weights of the translated model: an uncovered shift costs this much, a surplus one 1.
inline constexpr int kUncoveredWeight = 100;

roster::Instance BuildInstance(const Plan& plan, const RotaRules& rules, int weeks,
                               const std::vector<StaffMember>& staff);

struct RotaOptions {
  double time_limit_seconds = 60;  // in all, over the repair rounds
  int threads = 2;
  uint64_t seed = 1;
  int max_repairs = 6;     // rounds after the first: after repairs, or from another seed
  int64_t max_rounds = 0;  // per solve; 0: until the time limit (tests set it: reproducible)
};

struct RotaResult {
  bool found = false;  // the engine found a roster that keeps the model's hard rules
  Rota rota;
  RotaCheck check;  // by rota.h, independent of the engine
  int repairs = 0;  // repair rounds used
  double seconds = 0;
};

RotaResult BuildRota(const Plan& plan, const RotaRules& rules, int weeks,
                     const std::vector<StaffMember>& staff, const RotaOptions& options);

}  // namespace agp::staffing
