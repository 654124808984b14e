// The seed policies of data/policies/ loaded into a database (agp demo).
#pragma once

#include "core/clock.h"
#include "store/database.h"

namespace agp::app {

// Loads every template in <data>/policies/*.yaml, in name order; prints one line. Exit status.
int LoadPolicyTemplates(store::Database& db, const core::Clock& clock);

}  // namespace agp::app
