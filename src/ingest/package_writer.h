// Writing a workforce as a package (DESIGN.md §3): the inverse of the import, for `agp demo` and
// for benchmarks.
#pragma once

#include <filesystem>

#include "core/error.h"
#include "core/records.h"

namespace agp::ingest {

// Writes units.csv, employees.csv, positions.csv and absence.csv, and pay.csv, dialogues.csv and
// followup.csv where `w.present` says so, into `dir` (created if missing; files of the same names
// are replaced, and an optional file that `w` lacks is removed so the folder is one package).
//
// Format: UTF-8 without BOM, comma separated, "\n" line ends, a header row with §3's column names
// in §3's order; ISO dates (YYYY-MM-DD); numbers with a decimal point in their shortest exact form
// (100, 37.5, 33.33, never an exponent); an empty field for a missing value; RFC 4180 quotes only
// around a field holding a comma, a quote or a line break. Rows come in the order of the vectors.
//
// `w` must be consistent: every index refers to an element of its vector (as GenerateWorkforce
// and ValidatePackage leave it). Writing goes through a large buffer: a national package (about
// ten million rows, 500 MB) takes seconds.
//
// Errors: kIo with the path of the folder or file that could not be created or written (a full
// disk shows up here). Files written before the failure are left as they are.
core::Status WritePackage(const core::Workforce& w, const std::filesystem::path& dir);

}  // namespace agp::ingest
