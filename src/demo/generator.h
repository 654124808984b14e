// A synthetic municipality (DESIGN.md §8): realistic, deterministic for its options, at any size
// up to the whole municipal sector. docs/demo-data.md gives every distribution and its source.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/records.h"

namespace agp::demo {

struct DemoOptions {
  int employees = 5000;  // core staff (fast/midlertidig) on any count date, about; at least 1
  int years = 5;         // whole years of data, ending with last_year; at least 1
  int last_year = 2025;
  // When set (a day of the year after last_year), the data go on to this day, as a real export
  // taken that day holds the current year so far: the follow-up worklists then have this week's
  // duties. Unset: the data end on 31 December last_year.
  std::optional<core::Date> through;
  uint64_t seed = 1;
  std::string municipality = "Fjellvik kommune";  // the name of the root unit
};

// Builds the workforce of a municipality: the unit tree, employees, positions with their
// periods, absences, pay, dialogues and follow-up events, for 1 January (last_year − years + 1)
// to 31 December last_year (or `through`). Positions may start before that window (people already
// employed); pay rows and dialogues also cover the year before it, and absences that began then are
// kept when they reach into it, so that figures that look back a year are complete from the
// window's first day. Nothing is dated after the window.
//
// The same options give the same records on any machine (own random source and distributions).
// Every index in the result is valid; periods of one position are contiguous in `periods`, in
// date order, and never overlap; every absence lies within the person's employment; no key has
// 11 digits. Sets `present` for pay, dialogues and follow-up.
//
// Cost: employees = 460 000 and years = 5 (the whole municipal sector) give about 1.5 million
// period rows and 19 million rows in all, in a few seconds and under 1 GB. Reentrant: calls on
// different threads do not share state.
core::Workforce GenerateWorkforce(const DemoOptions& options);

}  // namespace agp::demo
