// Recomputing the materialised indicator results after the data change (import, demo, or
// `agp recompute`): the statutory deadlines come from data/reference/deadlines.csv.
#pragma once

#include "core/clock.h"
#include "core/records.h"
#include "metrics/engine.h"
#include "store/database.h"

namespace agp::app {

// The engine options with the deadlines in force today. Exit status on failure (printed).
int EngineOptionsFromData(const core::Clock& clock, metrics::EngineOptions* options);

// Recomputes and stores the results; `workforce` may be null (then it is read from the store).
// Prints one line of timing. Returns an exit status.
int RecomputeResults(store::Database& db, const core::Workforce* workforce,
                     const core::Clock& clock);

}  // namespace agp::app
