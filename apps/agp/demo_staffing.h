// Staffing plans for the demo's care units (DESIGN §12, issue 17 item 6).
#pragma once

#include "core/date.h"
#include "core/records.h"
#include "staffing/plan.h"
#include "staffing/working_time.h"
#include "store/database.h"

namespace agp::app {

// A plan for a rota unit whose rota staff (those on a 35.5 h or 33.6 h week, leaders apart) hold
// `weekly_hours` between them: day, evening and night shifts, fewer on the day at weekends, and a
// long day shift offered at no demand (the lever), the most staff the hours allow.
staffing::Plan DemoPlan(double weekly_hours);

// Saves a plan for every care unit (sykehjem, hjemmetjeneste, bofellesskap) with rota staff on
// `today`, consistent with that staff; units that have a plan already are left alone. Prints a
// line; returns the exit status.
int AddDemoStaffingPlans(store::Database& db, const core::Workforce& w, core::Date today);

// A rota (6 weeks, every third weekend, the calculator's staffing) for the smallest planned care
// unit in the demo leader's sector (or anywhere), so that Heltid shows a grid; left alone when
// the unit has one. Prints a line; returns the exit status.
int AddDemoRota(store::Database& db, const core::Workforce& w, core::Date today);

// data/reference/working_time.csv, read with ingest's readers (cmd_heltid.cpp).
core::Result<staffing::WorkingTimeRules> ReadWorkingTimeRules();

}  // namespace agp::app
