// The import transaction (DESIGN.md §3): read, check everything, then write all or nothing.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "core/clock.h"
#include "core/error.h"
#include "ingest/package_validator.h"
#include "store/database.h"

namespace agp::ingest {

struct ImportOptions {
  bool dry_run = false;        // check and report, write nothing
  size_t max_problems = 200;   // errors and warnings listed (all are counted)
  ReadProgressFn on_read;      // progress while reading and checking
  store::ProgressFn on_write;  // progress while writing
  PackageLimits limits;        // how large the package may be (PackageSource::Open)
};

struct ImportOutcome {
  ValidationReport report;
  std::string checksum;
  bool written = false;        // the data was replaced (never on errors or with dry_run)
  bool unchanged = false;      // the newest import had the same checksum, so nothing was written
  store::ImportRecord record;  // when written
  // The records as written, when the package had every optional file (otherwise the stored data
  // also hold rows the package left alone, and the caller must read them back from the store).
  std::shared_ptr<const core::Workforce> workforce;
  double seconds = 0;
};

// Imports the package at `path` into `db`. Problems in the data are in outcome.report (and then
// nothing is written); the Error return is for a package that cannot be opened at all or a
// database that fails. Importing the package that was imported last writes nothing. The package
// is read and checked before the write transaction begins, so the database's write lock is held
// only while the checked records are written.
core::Result<ImportOutcome> ImportPackage(const std::filesystem::path& path, store::Database& db,
                                          const core::Clock& clock, const ImportOptions& options);

}  // namespace agp::ingest
