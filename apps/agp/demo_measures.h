// The policies' measures in execution for the demo (DESIGN §10.3, issue 14 item 8).
#pragma once

#include "core/date.h"
#include "core/records.h"
#include "store/database.h"

namespace agp::app {

// The demo leader's sector: the first unit below the top; -1 when there is none.
int32_t DemoLeaderSector(const core::Workforce& w);

// Gives the measures of every stored policy units, due dates, progress notes and evidence, in
// every status and some overdue on `today`, and adds local measures for the demo leader's sector
// (the first below the top). Policies that have any execution already are left alone. Prints a
// line; returns the exit status.
int AddDemoMeasures(store::Database& db, const core::Workforce& w, core::Date today);

}  // namespace agp::app
