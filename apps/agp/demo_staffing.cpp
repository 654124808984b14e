#include "demo_staffing.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "command.h"
#include "demo_measures.h"
#include "ingest/csv_reader.h"
#include "staffing/calculator.h"
#include "staffing/rota_build.h"

namespace agp::app {
namespace {

constexpr const char* kRotaKinds[] = {"sykehjem", "hjemmetjeneste", "bofellesskap"};

staffing::PlanShift Shift(const char* code, int start, int end, int paid, int weekday,
                          int weekend) {
  staffing::PlanShift s;
  s.code = code;
  s.start_minute = start;
  s.end_minute = end;
  s.paid_minutes = paid;
  for (int d = 0; d < staffing::kDayKinds; ++d) {
    s.staff[static_cast<size_t>(d)] =
        d >= staffing::kSaturday ? weekend : weekday;  // holidays as Sundays
  }
  return s;
}

// The plan with `x` on the weekday day shift; the others in proportion.
staffing::Plan PlanFor(int x) {
  const auto r = [](double v) { return static_cast<int>(std::lround(v)); };
  staffing::Plan p;
  p.shifts.push_back(Shift("D", 7 * 60 + 30, 15 * 60, 450, x, r(0.75 * x)));
  p.shifts.push_back(Shift("A", 14 * 60 + 30, 22 * 60, 450, r(0.6 * x), r(0.5 * x)));
  p.shifts.push_back(Shift("N", 21 * 60 + 45, 7 * 60 + 45, 600, std::max(1, r(0.25 * x)),
                           std::max(1, r(0.25 * x))));
  p.shifts.push_back(Shift("L", 8 * 60, 20 * 60 + 30, 720, 0, 0));
  return p;
}

double WeekHours(const staffing::Plan& p) {
  double hours = 0;
  for (const staffing::PlanShift& s : p.shifts) {
    for (int d = staffing::kMonday; d <= staffing::kSunday; ++d) {
      hours += s.staff[static_cast<size_t>(d)] * s.paid_hours();
    }
  }
  return hours;
}

int32_t UnitIndex(const core::Workforce& w, const std::string& key) {
  for (size_t u = 0; u < w.units.size(); ++u) {
    if (w.units[u].key == key) return static_cast<int32_t>(u);
  }
  return -1;
}

}  // namespace

staffing::Plan DemoPlan(double weekly_hours) {
  int x = 1;
  while (x < 200 && WeekHours(PlanFor(x + 1)) <= weekly_hours) ++x;
  return PlanFor(x);
}

int AddDemoStaffingPlans(store::Database& db, const core::Workforce& w, core::Date today) {
  auto existing = db.StaffingPlans();
  if (!existing.ok()) {
    std::fprintf(stderr, "agp: %s\n", existing.error().ToString().c_str());
    return kExitFailure;
  }
  std::set<std::string> planned;
  for (const store::StaffingPlanRecord& p : *existing) planned.insert(p.unit_key);
  // The rota staff's weekly hours per unit on `today`.
  std::vector<double> hours(w.units.size(), 0);
  for (const core::PositionPeriod& pp : w.periods) {
    if (pp.start > today || (pp.end && *pp.end < today) || pp.leader || !pp.fulltime_hours) {
      continue;
    }
    if (*pp.fulltime_hours > 36) continue;  // day work (37.5 h): cleaners, cooks, clerks
    hours[static_cast<size_t>(pp.unit)] += pp.percent / 100 * *pp.fulltime_hours;
  }
  const double smallest = WeekHours(PlanFor(1));
  int saved = 0;
  for (size_t u = 0; u < w.units.size(); ++u) {
    const core::Unit& unit = w.units[u];
    const bool care = std::any_of(std::begin(kRotaKinds), std::end(kRotaKinds),
                                  [&](const char* k) { return unit.kind == k; });
    // The smallest plan has one person on every shift (175 h a week); smaller units share.
    if (!care || hours[u] < smallest || planned.count(unit.key)) continue;
    store::StaffingPlanRecord r;
    r.unit_key = unit.key;
    r.plan_csv = staffing::WritePlanCsv(DemoPlan(hours[u]));
    r.note = "Demo: laget fra enhetens turnusstillinger " + today.ToIso();
    r.saved_by = "demo";
    r.saved_at = today.ToIso() + "T09:00:00Z";
    if (auto added = db.AddStaffingPlan(r); !added.ok()) {
      std::fprintf(stderr, "agp: %s\n", added.error().ToString().c_str());
      return kExitFailure;
    }
    ++saved;
  }
  if (saved > 0) std::printf("Bemanningsplaner: %d pleie- og omsorgsenheter (Heltid)\n", saved);
  return kExitOk;
}

int AddDemoRota(store::Database& db, const core::Workforce& w, core::Date today) {
  auto plans = db.StaffingPlans();
  auto rotas = db.StaffingRotas();
  if (!plans.ok() || !rotas.ok()) {
    std::fprintf(stderr, "agp: %s\n",
                 (plans.ok() ? rotas.error() : plans.error()).ToString().c_str());
    return kExitFailure;
  }
  if (!rotas->empty()) return kExitOk;
  const int32_t sector = DemoLeaderSector(w);
  auto in_sector = [&](const std::string& key) {
    for (int32_t u = UnitIndex(w, key); u >= 0; u = w.units[static_cast<size_t>(u)].parent) {
      if (u == sector) return true;
    }
    return false;
  };
  // The newest plan per unit; the smallest, preferring the leader's sector.
  std::map<std::string, const store::StaffingPlanRecord*> newest;
  for (const store::StaffingPlanRecord& p : *plans) newest[p.unit_key] = &p;
  const store::StaffingPlanRecord* chosen = nullptr;
  std::optional<staffing::Plan> chosen_plan;
  double chosen_hours = 0;
  bool chosen_in_sector = false;
  for (const auto& [key, record] : newest) {
    ingest::CsvReader reader("plan.csv", record->plan_csv);
    staffing::PlanRead read = staffing::ReadPlan(reader, "plan.csv");
    if (!read.plan) continue;
    const double hours = WeekHours(*read.plan);
    const bool mine = in_sector(key);
    if (chosen == nullptr || (mine && !chosen_in_sector) ||
        (mine == chosen_in_sector && hours < chosen_hours)) {
      chosen = record;
      chosen_plan = std::move(read.plan);
      chosen_hours = hours;
      chosen_in_sector = mine;
    }
  }
  if (chosen == nullptr) return kExitOk;
  auto data = ReadWorkingTimeRules();
  if (!data.ok()) {
    std::fprintf(stderr, "agp: %s\n", data.error().ToString().c_str());
    return kExitFailure;
  }
  constexpr double kF = 3;
  auto rules = staffing::RotaRules::FromData(*data, today, kF, staffing::kRotaFullTimeHours, false);
  if (!rules.ok()) {
    std::fprintf(stderr, "agp: %s\n", rules.error().ToString().c_str());
    return kExitFailure;
  }
  const std::vector<staffing::StaffMember> staff =
      staffing::ProposedStaff(staffing::Calculate(*chosen_plan, kF, staffing::kRotaFullTimeHours));
  staffing::RotaOptions options;
  options.time_limit_seconds = 10;
  const staffing::RotaResult r = staffing::BuildRota(*chosen_plan, *rules, 6, staff, options);
  if (!r.found) return kExitOk;
  store::StaffingRotaRecord record;
  record.unit_key = chosen->unit_key;
  record.plan_id = chosen->id;
  record.weeks = 6;
  record.weekend_frequency = kF;
  record.full_time_hours = staffing::kRotaFullTimeHours;
  record.rota_csv = staffing::WriteRotaCsv(r.rota, *chosen_plan);
  record.broken = static_cast<int>(r.check.broken.size());
  record.uncovered = static_cast<int>(r.check.uncovered.size());
  record.seconds = r.seconds;
  record.note = "Demo";
  record.made_by = "demo";
  record.made_at = today.ToIso() + "T09:30:00Z";
  if (auto added = db.AddStaffingRota(record); !added.ok()) {
    std::fprintf(stderr, "agp: %s\n", added.error().ToString().c_str());
    return kExitFailure;
  }
  std::printf("Turnus: %zu stillinger i 6 uker for %s (%.1f s)\n", staff.size(),
              w.units[static_cast<size_t>(UnitIndex(w, chosen->unit_key))].name.c_str(), r.seconds);
  return kExitOk;
}

}  // namespace agp::app
