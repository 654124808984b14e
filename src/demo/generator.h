// A synthetic municipality (DESIGN.md §8): realistic, deterministic for its options, at any size
// up to the whole municipal sector. docs/demo-data.md gives every distribution and its source.
#pragma once

#include <cstdint>
#include <string>

#include "core/records.h"

namespace agp::demo {

struct DemoOptions {
  int employees = 5000;  // core staff (fast/midlertidig) on any count date, about
  int years = 5;         // whole years of history, ending with last_year
  int last_year = 2025;
  uint64_t seed = 1;
  std::string municipality = "Fjellvik kommune";
};

// Builds the workforce of a municipality: units, employees, positions with their periods,
// absences, pay, dialogues and follow-up events from 1 January (last_year − years + 1) to
// 31 December last_year. The same options give the same records, on any machine.
core::Workforce GenerateWorkforce(const DemoOptions& options);

}  // namespace agp::demo
