// Writing a workforce as a package (DESIGN.md §3): the inverse of the import, for the demo and
// for benchmarks.
#pragma once

#include <filesystem>

#include "core/error.h"
#include "core/records.h"

namespace agp::ingest {

// Writes units.csv, employees.csv, positions.csv and absence.csv, and pay.csv, dialogues.csv and
// followup.csv where `w.present` says so, into `dir` (created if missing): UTF-8, comma, ISO dates,
// decimal point, a header row with §3's names, RFC 4180 quoting where a value needs it.
core::Status WritePackage(const core::Workforce& w, const std::filesystem::path& dir);

}  // namespace agp::ingest
