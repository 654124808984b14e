// Materialised results (DESIGN.md §2): the measure cube stored with the data version it was
// computed from, so that pages and commands read figures without recomputing them.
#pragma once

#include <string>

#include "core/clock.h"
#include "core/error.h"
#include "core/records.h"
#include "metrics/engine.h"
#include "metrics/measure_cube.h"
#include "store/database.h"

namespace agp::metrics {

// Serialises a cube into named, zlib-compressed blocks (one for the units and periods, one per
// period) and back. The format is private to this file pair; a format change bumps kFormat and
// older results are recomputed.
store::ResultSet ToResultSet(const MeasureCube& cube);
core::Result<MeasureCube> FromResultSet(const store::ResultSet& set);

struct RecomputeStats {
  double compute_seconds = 0;
  double store_seconds = 0;
  int64_t data_version = 0;
  size_t bytes = 0;  // compressed size of the stored blocks
};

// The engine options with the statutory deadlines (data/reference/deadlines.csv at `path`) in
// force on `day`. Errors: the file cannot be read or lacks a deadline the engine needs.
core::Result<EngineOptions> EngineOptionsFromDeadlines(const std::string& path, core::Date day);

// Computes every measure from `workforce` (the records of the database's current data version)
// and stores them.
core::Result<RecomputeStats> Recompute(store::Database& db, const core::Workforce& workforce,
                                       const core::Clock& clock, const EngineOptions& options = {});

// The stored cube. Errors: none computed yet, or computed from another data version than the
// database's (kNotFound, with a message that says to run `agp recompute`).
core::Result<MeasureCube> LoadResults(store::Database& db);

// The stored cube whatever data version it was computed from, with that version: the figures to
// show while newer ones are computed. Errors: none computed yet (kNotFound), or stored in a
// format this build does not read.
struct StoredResults {
  MeasureCube cube;
  int64_t data_version = 0;
};
core::Result<StoredResults> LoadStoredResults(store::Database& db);

}  // namespace agp::metrics
