// The Curtois & Qu benchmark's text formats (schedulingbenchmarks.org): the instance file with its
// SECTION_… blocks, and the roster as tab-separated lines (one per employee in file order, one cell
// per day, empty = off). Errors say file:line:column and what is wrong; no input makes them crash
// (fuzz/roster_fuzzer.cpp).
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"
#include "roster/model.h"

namespace agp::roster {

// Limits that keep a hostile file from asking for gigabytes.
inline constexpr int kMaxDays = 3660;
inline constexpr int kMaxShiftTypes = 1000;
inline constexpr int kMaxStaff = 10000;

// Reads an instance. `file` names it in errors.
core::Result<Instance> ReadInstance(std::string_view text, const std::string& file);

// Reads a roster for `instance`: exactly one line per employee, `instance.days` cells each (a line
// may end early when the rest is off), each cell empty or a shift id of the instance.
core::Result<Roster> ReadRoster(std::string_view text, const Instance& instance,
                                const std::string& file);

// The roster in the benchmark's form, a line per employee, cells separated by tabs.
std::string WriteRoster(const Roster& roster, const Instance& instance);

}  // namespace agp::roster
