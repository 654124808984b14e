#include "demo/generator.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "demo/catalogue.h"
#include "demo/random.h"

namespace agp::demo {
namespace {

using core::Date;

// Staff per unit and per department, about (KS: units are led by one leader with 15–60 staff).
constexpr int kStaffPerUnit = 35;
constexpr int kStaffPerDepartment = 20;

std::string Format(std::string_view pattern, std::string_view place) {
  std::string out(pattern);
  const size_t at = out.find("{}");
  if (at != std::string::npos) out.replace(at, 2, place);
  return out;
}

std::string Key(char prefix, int64_t n, int width) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%c%0*lld", prefix, width, static_cast<long long>(n));
  return buf;
}

double Hours(Schedule s) {
  switch (s) {
    case Schedule::kDay:
      return 37.5;
    case Schedule::kRota:
      return 35.5;
    case Schedule::kContinuous:
      return 33.6;
  }
  return 37.5;
}

// A place of work that one person at a time fills: a job in a unit.
struct Slot {
  int32_t unit;
  int job;
  Schedule schedule;
  bool leader;
};

class Generator {
 public:
  explicit Generator(const DemoOptions& o)
      : o_(o),
        rng_(o.seed * 0x9e3779b97f4a7c15ULL + 17),
        first_(Date::FromYmd(o.last_year - o.years + 1, 1, 1)),
        last_(Date::FromYmd(o.last_year, 12, 31)) {}

  core::Workforce Run() {
    BuildUnits();
    for (const Slot& slot : slots_) FillSlot(slot);
    for (int32_t unit : apprentice_units_) Apprentices(unit);
    for (size_t p = 0; p < people_.size(); ++p) PersonEvents(static_cast<int32_t>(p));
    w_.present = {true, true, true};
    return std::move(w_);
  }

 private:
  struct Person {
    Date first_start;           // of their first core position
    std::vector<int32_t> core;  // indices of their core positions' first periods
  };

  // ---- the organisation -------------------------------------------------------------------
  int32_t AddUnit(std::string key, int32_t parent, std::string name, std::string_view sector,
                  std::string kind) {
    w_.units.push_back(
        {std::move(key), parent, std::move(name), std::string(sector), std::move(kind)});
    return static_cast<int32_t>(w_.units.size() - 1);
  }

  void BuildUnits() {
    // Keys: the municipality "K", sectors "S1"…, units "E10001"… (sector, then number), their
    // departments "E10001-1"….
    const int32_t root = AddUnit("K", -1, o_.municipality, "", "kommune");
    slots_.push_back({root, kChiefExecutive, Schedule::kDay, true});
    int sector_no = 0;
    for (const Sector& sector : Sectors()) {
      ++sector_no;
      const int32_t s = AddUnit("S" + std::to_string(sector_no), root, std::string(sector.name),
                                sector.code, "sektor");
      slots_.push_back({s, kSectorLeader, Schedule::kDay, true});
      const double sector_staff = o_.employees * sector.share;
      int unit_no = 0;
      for (const UnitKind& kind : sector.kinds) {
        const double staff = sector_staff * kind.weight;
        const int units = std::max(1, static_cast<int>(std::lround(staff / kStaffPerUnit)));
        for (int u = 0; u < units; ++u) {
          ++unit_no;
          const std::string key = "E" + std::to_string(sector_no) + Key('0', unit_no, 4).substr(1);
          const std::string name = Format(kind.name, PlaceName(static_cast<size_t>(unit_no - 1) +
                                                               static_cast<size_t>(sector_no) * 7));
          const int32_t unit = AddUnit(key, s,
                                       units > 1 && unit_no > static_cast<int>(kPlaceNames)
                                           ? name + " " + std::to_string(unit_no)
                                           : name,
                                       sector.code, "enhet");
          slots_.push_back({unit, kUnitLeader, Schedule::kDay, true});
          // Unit sizes vary between about 15 and 60.
          const int size = std::max(8, static_cast<int>(staff / units * (0.5 + rng_.Uniform())));
          std::vector<int32_t> places = {unit};
          if (kind.departments && size >= 2 * kStaffPerDepartment) {
            places.clear();
            const int departments = size / kStaffPerDepartment;
            for (int d = 1; d <= departments; ++d) {
              const int32_t dep = AddUnit(key + "-" + std::to_string(d), unit,
                                          "Avdeling " + std::to_string(d), sector.code, "avdeling");
              places.push_back(dep);
              slots_.push_back({dep, kDepartmentLeader, kind.schedule, true});
            }
          }
          for (int i = 0; i < size; ++i) {
            double x = rng_.Uniform();
            int job = kind.jobs.back().first;
            for (const auto& [j, share] : kind.jobs) {
              if (x < share) {
                job = j;
                break;
              }
              x -= share;
            }
            slots_.push_back(
                {places[static_cast<size_t>(i) % places.size()], job, kind.schedule, false});
          }
          // Apprentices: about 1 % of staff in health, schools and technical services
          // (KS: 2 per 1000 inhabitants).
          if (sector_no != 3 && sector_no != 5 && rng_.Chance(size * 0.01)) {
            apprentice_units_.push_back(unit);
          }
        }
      }
    }
  }

  // ---- people and positions ---------------------------------------------------------------
  int32_t NewPerson(int age_at, Date when, int job) {
    const Job& j = Jobs()[static_cast<size_t>(job)];
    core::Employee e;
    e.key = Key('A', static_cast<int64_t>(w_.employees.size()) + 1, 7);
    const bool woman = rng_.Chance(std::min(0.97, j.women * 1.05));
    e.gender = woman ? core::Gender::kWoman : core::Gender::kMan;
    if (rng_.Chance(0.002)) e.gender = core::Gender::kOther;
    e.birth_year = when.year() - age_at;
    e.name = std::string(woman ? WomanName(rng_.Next() % kWomanNames)
                               : ManName(rng_.Next() % kManNames)) +
             " " + std::string(Surname(rng_.Next() % kSurnames));
    e.education = std::string(j.education);
    w_.employees.push_back(std::move(e));
    people_.push_back({when, {}});
    return static_cast<int32_t>(w_.employees.size() - 1);
  }

  // Age of staff on a count date: KS' age profile, 55+ about a quarter.
  int StaffAge() {
    const int band = rng_.Pick({0.07, 0.20, 0.23, 0.25, 0.16, 0.09});
    static constexpr int kLo[] = {19, 25, 35, 45, 55, 62};
    static constexpr int kHi[] = {24, 34, 44, 54, 61, 67};
    return rng_.Between(kLo[band], kHi[band]);
  }
  int HireAge() {
    const int band = rng_.Pick({0.25, 0.40, 0.22, 0.10, 0.03});
    static constexpr int kLo[] = {19, 25, 35, 45, 55};
    static constexpr int kHi[] = {24, 34, 44, 54, 61};
    return rng_.Between(kLo[band], kHi[band]);
  }

  double CorePercent(const Job& job, const core::Employee& e, Schedule schedule) {
    double ft = job.fulltime;
    if (e.gender == core::Gender::kMan) ft = std::min(1.0, ft * 1.22);
    if (e.gender == core::Gender::kWoman) ft *= 0.96;
    if (rng_.Chance(ft)) return 100;
    if (schedule != Schedule::kDay) {
      static constexpr double kRota[] = {20, 40, 50, 60, 65, 70, 75, 80, 90};
      return kRota[rng_.Pick({0.06, 0.10, 0.18, 0.17, 0.06, 0.15, 0.12, 0.11, 0.05})];
    }
    static constexpr double kDayPct[] = {20, 33.33, 40, 50, 60, 70, 75, 80, 90};
    return kDayPct[rng_.Pick({0.08, 0.04, 0.10, 0.17, 0.16, 0.12, 0.10, 0.13, 0.10})];
  }

  // A position with its first period; returns the period's index.
  int32_t AddPosition(int32_t person, int32_t unit, int job, Date start, std::optional<Date> end,
                      double percent, core::Employment employment, bool leader, Schedule schedule,
                      core::EndReason reason) {
    const Job& j = Jobs()[static_cast<size_t>(job)];
    w_.positions.push_back({Key('P', static_cast<int64_t>(w_.positions.size()) + 1, 8), person});
    core::PositionPeriod p;
    p.position = static_cast<int32_t>(w_.positions.size() - 1);
    p.unit = unit;
    p.start = start;
    p.end = end;
    p.percent = percent;
    p.employment = employment;
    p.leader = leader;
    p.fulltime_hours = Hours(schedule);
    p.end_reason = end ? reason : core::EndReason::kNone;
    p.job_code = std::string(j.code);
    p.job_title = std::string(j.title);
    w_.periods.push_back(std::move(p));
    position_end_.push_back(end);
    const int32_t index = static_cast<int32_t>(w_.periods.size() - 1);
    if (employment == core::Employment::kPermanent || employment == core::Employment::kTemporary) {
      people_[static_cast<size_t>(person)].core.push_back(index);
    }
    return index;
  }

  // The chance that a holder leaves within a year, and why (KS: turnover about 13 %, retirement
  // at 63.4 on average).
  std::pair<double, core::EndReason> ExitHazard(int age, int job, bool temporary) {
    if (age >= 70) return {1.0, core::EndReason::kRetiredAge};
    if (age >= 67) return {0.55, core::EndReason::kRetiredAge};
    if (age >= 62) return {0.24, core::EndReason::kEarlyRetirement};
    if (temporary) return {0.55, core::EndReason::kTemporaryEnded};
    double p = 0.085;
    if (age < 25)
      p += 0.14;
    else if (age < 30)
      p += 0.06;
    if (job == 2 || job == 9 || job == 14) p += 0.09;  // assistants and cleaners move more
    return {p, core::EndReason::kResigned};
  }

  // Fills a slot from before the window to its end with a sequence of holders.
  void FillSlot(const Slot& slot) {
    // The first holder started some years before the window.
    int age = StaffAge();
    Date start = first_.AddDays(-rng_.Between(30, std::max(60, (age - 19) * 365)));
    int32_t person = NewPerson(age - (first_.year() - start.year()), start, slot.job);
    while (true) {
      const core::Employee& e = w_.employees[static_cast<size_t>(person)];
      const bool temporary = !slot.leader && rng_.Chance(0.09);
      const double percent =
          slot.leader ? 100 : CorePercent(Jobs()[static_cast<size_t>(slot.job)], e, slot.schedule);
      // When does this holder leave?
      std::optional<Date> end;
      core::EndReason reason = core::EndReason::kNone;
      for (int year = std::max(start.year(), first_.year()); year <= last_.year() && !end; ++year) {
        auto [p, why] = ExitHazard(year - e.birth_year, slot.job, temporary);
        if (rng_.Chance(p)) {
          const Date lo = std::max(start.AddDays(30), Date::FromYmd(year, 1, 1));
          const Date hi = Date::FromYmd(year, 12, 31);
          if (lo > hi) continue;
          end = lo.AddDays(rng_.Between(0, hi - lo));
          reason = why;
          if (why == core::EndReason::kResigned) {
            const int r = rng_.Pick({0.86, 0.05, 0.04, 0.02, 0.03});
            static constexpr core::EndReason kWhy[] = {
                core::EndReason::kResigned, core::EndReason::kDismissed,
                core::EndReason::kDisability, core::EndReason::kDeath, core::EndReason::kOther};
            reason = kWhy[r];
          }
        }
      }
      const int32_t period =
          AddPosition(person, slot.unit, slot.job, start, end, percent,
                      temporary ? core::Employment::kTemporary : core::Employment::kPermanent,
                      slot.leader, slot.schedule, reason);
      MaybeGrow(period);
      MaybeSecondPositions(person, slot, percent, start, end);
      if (!end) return;
      // The next holder: after a vacancy; sometimes a leaver comes back, sometimes a temporary
      // holder is made permanent.
      const Date next = end->AddDays(reason == core::EndReason::kTemporaryEnded && rng_.Chance(0.4)
                                         ? 1
                                         : rng_.Between(14, 75));
      if (next > last_) return;
      if (reason == core::EndReason::kTemporaryEnded && next == end->AddDays(1)) {
        start = next;  // the same person, now permanent in the next loop (or temporary again)
        continue;
      }
      if (!leavers_.empty() && rng_.Chance(0.03)) {
        const size_t k = rng_.Next() % leavers_.size();
        const int32_t back = leavers_[k];
        leavers_[k] = leavers_.back();
        leavers_.pop_back();
        if (next.year() - w_.employees[static_cast<size_t>(back)].birth_year < 62) {
          person = back;
          start = next;
          continue;
        }
      }
      if (reason == core::EndReason::kResigned && leavers_.size() < 100000)
        leavers_.push_back(person);
      start = next;
      person = NewPerson(HireAge(), start, slot.job);
    }
  }

  // Two-year apprenticeships, one after the other (KS: apprentices aged 16–20).
  void Apprentices(int32_t unit) {
    Date start = first_.AddDays(-rng_.Between(0, 700));
    while (start <= last_) {
      const int32_t person = NewPerson(rng_.Between(16, 19), start, kApprentice);
      const Date end = start.AddDays(729);
      AddPosition(person, unit, kApprentice, start, end, 100, core::Employment::kApprentice, false,
                  Schedule::kDay, core::EndReason::kTemporaryEnded);
      start = end.AddDays(rng_.Between(30, 200));
    }
  }

  // Part-timers sometimes get a bigger position (a new period of the same position).
  void MaybeGrow(int32_t period) {
    core::PositionPeriod& p = w_.periods[static_cast<size_t>(period)];
    if (p.percent >= 100 || !rng_.Chance(0.18)) return;
    const Date from = std::max(p.start, first_).AddDays(rng_.Between(60, 1500));
    if (from > last_ || (p.end && from >= *p.end)) return;
    core::PositionPeriod next = p;
    next.start = from;
    next.percent = std::min(100.0, p.percent + 10 * rng_.Between(1, 3));
    p.end = from.AddDays(-1);
    p.end_reason = core::EndReason::kNone;
    w_.periods.push_back(std::move(next));
  }

  // A second core position (60 + 40), an hourly extra, or a substitute's position.
  void MaybeSecondPositions(int32_t person, const Slot& slot, double percent, Date start,
                            std::optional<Date> end) {
    if (slot.leader) return;
    if (percent <= 60 && rng_.Chance(0.12)) {
      const Slot& other = slots_[rng_.Next() % slots_.size()];
      AddPosition(person, other.leader ? slot.unit : other.unit, slot.job,
                  start.AddDays(rng_.Between(0, 400)), end, 100 - percent,
                  core::Employment::kPermanent, false, slot.schedule, core::EndReason::kOther);
      // Positions that start after their end are trimmed below.
      FixLast();
    } else if (slot.schedule != Schedule::kDay && percent < 100 && rng_.Chance(0.10)) {
      AddPosition(person, slot.unit, slot.job, start.AddDays(rng_.Between(0, 300)), end,
                  rng_.Between(5, 20), core::Employment::kHourly, false, slot.schedule,
                  core::EndReason::kOther);
      FixLast();
    } else if (percent < 100 && rng_.Chance(0.05)) {
      const Date s = std::max(start, first_).AddDays(rng_.Between(0, 1400));
      const Date e = s.AddDays(rng_.Between(20, 180));
      if (s <= last_ && (!end || e <= *end)) {
        AddPosition(person, slot.unit, slot.job, s, e, std::min(100 - percent, 50.0),
                    core::Employment::kSubstitute, false, slot.schedule,
                    core::EndReason::kTemporaryEnded);
      }
    }
  }

  // Drops the newest position if its period is empty (it would start after it ended).
  void FixLast() {
    core::PositionPeriod& p = w_.periods.back();
    if (p.start > last_ || (p.end && *p.end < p.start)) {
      auto& core =
          people_[static_cast<size_t>(w_.positions[static_cast<size_t>(p.position)].employee)].core;
      if (!core.empty() && core.back() == static_cast<int32_t>(w_.periods.size() - 1))
        core.pop_back();
      w_.periods.pop_back();
      w_.positions.pop_back();
      position_end_.pop_back();
    }
  }

  // ---- what happens to a person: absences, pay, dialogues, follow-up ----------------------
  void PersonEvents(int32_t person) {
    const Person& pe = people_[static_cast<size_t>(person)];
    if (pe.core.empty()) return;
    const core::Employee& e = w_.employees[static_cast<size_t>(person)];
    // Employment: the union of the person's core positions, as disjoint intervals in the window.
    std::vector<std::pair<Date, Date>> spans;
    for (int32_t idx : pe.core) {
      const core::PositionPeriod& p = w_.periods[static_cast<size_t>(idx)];
      const auto end = position_end_[static_cast<size_t>(p.position)];
      const Date from = std::max(p.start, first_), to = end ? std::min(*end, last_) : last_;
      if (from <= to) spans.emplace_back(from, to);
    }
    std::sort(spans.begin(), spans.end());
    std::vector<std::pair<Date, Date>> merged;
    for (const auto& span : spans) {
      if (!merged.empty() && span.first <= merged.back().second.AddDays(1)) {
        merged.back().second = std::max(merged.back().second, span.second);
      } else {
        merged.push_back(span);
      }
    }
    for (const auto& [from, to] : merged) {
      Absences(person, e, from, to);
      Yearly(person, e, from, to);
    }
  }

  // The core position of `person` active on `day` (its first period's index), or -1.
  int32_t CoreAt(int32_t person, Date day) const {
    for (int32_t idx : people_[static_cast<size_t>(person)].core) {
      const core::PositionPeriod& p = w_.periods[static_cast<size_t>(idx)];
      const auto end = position_end_[static_cast<size_t>(p.position)];
      if (p.start <= day && (!end || day <= *end)) return idx;
    }
    return -1;
  }

  void Absences(int32_t person, const core::Employee& e, Date from, Date to) {
    const bool woman = e.gender == core::Gender::kWoman;
    Date busy_until = from.AddDays(-1);
    const int32_t days = to - from + 1;
    // Spells a year: self-certified about 1.1, doctor-certified about 0.55 (more for women and
    // older staff), giving about 8 % sick leave (KS/SSB, docs/demo-data.md).
    const double years = days / 365.0;
    const int age = from.year() - e.birth_year;
    const double self_rate = (woman ? 1.4 : 0.95) * (age < 30 ? 1.3 : 1.0);
    const double doctor_rate = (woman ? 0.80 : 0.50) * (age >= 50 ? 1.25 : 1.0);
    const int self_spells = rng_.Poisson(self_rate * years);
    const int doctor_spells = rng_.Poisson(doctor_rate * years);
    std::vector<std::pair<Date, bool>> starts;
    for (int i = 0; i < self_spells + doctor_spells; ++i) {
      // Winter months weigh more (NAV's quarterly figures peak in the first quarter).
      Date d;
      do {
        d = from.AddDays(rng_.Between(0, days - 1));
      } while (!rng_.Chance(kSeason[d.month() - 1]));
      starts.emplace_back(d, i >= self_spells);
    }
    std::sort(starts.begin(), starts.end());
    for (const auto& [start, doctor] : starts) {
      if (start <= busy_until) continue;
      int length;
      if (!doctor) {
        length = rng_.Between(1, 3);
      } else {
        const int band = rng_.Pick({0.50, 0.30, 0.15, 0.05});
        static constexpr int kLo[] = {4, 17, 57, 183}, kHi[] = {16, 56, 182, 365};
        length = rng_.Between(kLo[band], kHi[band]);
      }
      const Date end = std::min(to, start.AddDays(length - 1));
      core::Absence a;
      a.employee = person;
      const int32_t held = CoreAt(person, start);
      a.position =
          held >= 0 && rng_.Chance(0.85) ? w_.periods[static_cast<size_t>(held)].position : -1;
      a.type = doctor ? core::AbsenceType::kDoctorCertified : core::AbsenceType::kSelfCertified;
      a.grade = 100;
      if (doctor && rng_.Chance(0.3)) {
        static constexpr uint8_t kGrades[] = {20, 30, 40, 50, 60, 70, 80};
        a.grade = kGrades[rng_.Pick({0.08, 0.1, 0.17, 0.35, 0.14, 0.08, 0.08})];
      }
      a.start = start;
      a.end = end;
      w_.absences.push_back(a);
      busy_until = end;
      if (doctor) FollowUp(person, a);
    }
    // Parental and other leave: kept, not sick leave.
    if (woman && age >= 24 && age <= 40 && rng_.Chance(0.08 * years)) {
      OtherLeave(person, "foreldrepermisjon", from, to, busy_until, rng_.Between(150, 330));
    } else if (rng_.Chance(0.015 * years)) {
      OtherLeave(person, "permisjon", from, to, busy_until, rng_.Between(20, 180));
    }
  }

  void OtherLeave(int32_t person, const char* type, Date from, Date to, Date busy_until, int days) {
    const Date start = from.AddDays(rng_.Between(0, to - from));
    if (start <= busy_until) return;
    auto it = std::find(w_.other_absence_types.begin(), w_.other_absence_types.end(), type);
    if (it == w_.other_absence_types.end()) w_.other_absence_types.emplace_back(type);
    core::Absence a;
    a.employee = person;
    a.type = core::AbsenceType::kOther;
    a.other_type = static_cast<int32_t>(
        std::find(w_.other_absence_types.begin(), w_.other_absence_types.end(), type) -
        w_.other_absence_types.begin());
    a.start = start;
    a.end = std::min(to, start.AddDays(days - 1));
    w_.absences.push_back(a);
  }

  // Follow-up plan by week 4 and dialogue meeting 1 by week 7 (arbeidsmiljøloven §4-6), NAV's
  // dialogue meeting 2 by week 26 (folketrygdloven §8-7a): mostly on time, sometimes late or never.
  void FollowUp(int32_t person, const core::Absence& a) {
    const int32_t length = a.end - a.start + 1;
    auto event = [&](core::FollowupKind kind, int by_day, double on_time, double late) {
      const int r = rng_.Pick({on_time, late, 1 - on_time - late});
      if (r == 2) return;
      const int day =
          r == 0 ? rng_.Between(by_day / 3, by_day - 1) : rng_.Between(by_day, by_day + 21);
      const Date d = a.start.AddDays(day);
      if (d <= last_) w_.followup.push_back({person, kind, d});
    };
    if (length >= 28) event(core::FollowupKind::kFollowupPlan, 28, 0.84, 0.10);
    if (length >= 49 && a.grade == 100)
      event(core::FollowupKind::kDialogueMeeting1, 49, 0.78, 0.12);
    if (length >= 182) event(core::FollowupKind::kDialogueMeeting2, 182, 0.85, 0.10);
  }

  // Pay once a year (the settlement on 1 May, or at hire) and a development dialogue most years.
  void Yearly(int32_t person, const core::Employee& e, Date from, Date to) {
    const int32_t held = CoreAt(person, from);
    if (held < 0) return;
    const core::PositionPeriod& main = w_.periods[static_cast<size_t>(held)];
    const Job* job = nullptr;
    for (const Job& j : Jobs()) {
      if (j.code == main.job_code) job = &j;
    }
    if (job == nullptr) return;
    const bool woman = e.gender == core::Gender::kWoman;
    const double personal = 1 + 0.04 * (rng_.Uniform() - 0.5);
    const double allowances = main.fulltime_hours && *main.fulltime_hours < 37
                                  ? rng_.Between(18, 55) * 1000.0
                                  : rng_.Between(0, 12) * 1000.0;
    for (int year = from.year(); year <= to.year(); ++year) {
      const Date settlement = Date::FromYmd(year, 5, 1);
      const Date when = std::max(settlement, from);
      if (when <= to && when.year() == year) {
        const int tenure =
            std::min(10, year - people_[static_cast<size_t>(person)].first_start.year());
        const double base = job->salary * std::pow(1.04, year - 2024) * (0.95 + 0.01 * tenure) *
                            personal * (woman ? 0.985 : 1.0);
        w_.pay.push_back({person, when, std::round(base / 100) * 100, allowances});
      }
      const Date year_start = std::max(from, Date::FromYmd(year, 1, 1));
      const Date year_end = std::min(to, Date::FromYmd(year, 12, 31));
      if (year_end - year_start >= 90 && rng_.Chance(0.8)) {
        w_.dialogues.push_back(
            {person, year_start.AddDays(rng_.Between(0, year_end - year_start))});
      }
    }
  }

  static constexpr double kSeason[12] = {1.0,  1.0,  0.9, 0.8,  0.75, 0.7,
                                         0.55, 0.65, 0.8, 0.85, 0.9,  0.95};

  const DemoOptions& o_;
  Random rng_;
  Date first_, last_;
  core::Workforce w_;
  std::vector<Slot> slots_;
  std::vector<Person> people_;
  std::vector<int32_t> leavers_;
  std::vector<std::optional<Date>> position_end_;  // end of each position's last period
  std::vector<int32_t> apprentice_units_;
};

}  // namespace

core::Workforce GenerateWorkforce(const DemoOptions& options) { return Generator(options).Run(); }

}  // namespace agp::demo
