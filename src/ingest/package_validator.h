// Reading and checking a workforce package (DESIGN.md §3): every check, every problem with its
// place, all of them up to a limit.
//
// Messages are in Norwegian bokmål, the language of the people who fix the files (DESIGN §1).
// They never repeat a value that looks like a national identity number.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "core/records.h"
#include "ingest/package_schema.h"
#include "ingest/package_source.h"

namespace agp::ingest {

struct ValidationOptions {
  size_t max_problems = 200;  // errors (and, separately, warnings) kept; the rest are counted
  core::Date today;           // birth years after this year are refused
  // Called when a file has been read and checked, with whether it had no errors, from the thread
  // that read it (absence.csv is read on a thread of its own). From then on the records of that
  // file, and of the files before it, do not change: a writer may read them while later files
  // are read. units.csv is reported after its tree is checked, positions.csv after its periods.
  std::function<void(FileKind, bool clean)> on_file_read;
};

struct FileSummary {
  std::string name;      // display name, e.g. "units.csv"
  int64_t rows = 0;      // data rows, header not counted
  size_t bytes = 0;      // size of the text read (CSV, after decoding) or 0 (XLSX)
  std::string encoding;  // "UTF-8", "Windows-1252" … (CSV only)
  char separator = 0;    // CSV only
};

struct ValidationReport {
  std::vector<core::Error> errors;  // the first max_problems
  int64_t error_count = 0;          // all of them
  std::vector<core::Error> warnings;
  int64_t warning_count = 0;
  std::vector<FileSummary> files;  // in reading order
  bool ok() const { return error_count == 0; }
};

// (file display name, bytes done, bytes in the file), now and then while reading.
using ReadProgressFn = std::function<void(const std::string& file, size_t done, size_t total)>;

// Reads every table of `source` into `*out` (which should be empty) and checks it. The workforce
// is complete and consistent when report->ok(); otherwise it must not be written anywhere.
void ValidatePackage(PackageSource& source, const ValidationOptions& options, core::Workforce* out,
                     ValidationReport* report, const ReadProgressFn& progress = {});

// The same, returning the workforce.
core::Workforce ValidatePackage(PackageSource& source, const ValidationOptions& options,
                                ValidationReport* report, const ReadProgressFn& progress = {});

}  // namespace agp::ingest
