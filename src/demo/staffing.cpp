// People and positions over time. Each slot of the organisation is held by one person after
// another: the first holder was in place before the window; each holder may change position
// size, be made permanent, and leaves by the yearly chance for their age and job (or stays);
// after a vacancy the next holder is hired, now and then someone who left earlier or a newly
// certified apprentice. Beside the slots: second positions, substitutes (vikar), hourly staff
// (timelonnet) and apprentices (laerling), who are not core staff.
//
// Keys are left empty here; the generator numbers employees and positions at the end.
#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "demo/model.h"
#include "demo/random.h"

namespace agp::demo {
namespace {

using core::Date;
using core::Employment;
using core::EndReason;
using core::Gender;

// --- Distributions (docs/demo-data.md gives each with its source) --------------------------

// Age of the staff on the eve of the window: a quarter aged 55 or more (assumed; FIGURES.md has
// no age profile).
constexpr std::array<double, 13> kStockAgeWeights = {.010, .050, .085, .105, .115, .120, .120,
                                                     .120, .130, .050, .050, .020, .015};
constexpr std::array<int, 13> kStockAgeLo = {18, 20, 25, 30, 35, 40, 45, 50, 55, 60, 62, 65, 67};
constexpr std::array<int, 13> kStockAgeHi = {19, 24, 29, 34, 39, 44, 49, 54, 59, 61, 64, 66, 69};
// Age at hire: mostly young.
constexpr std::array<double, 9> kHireAgeWeights = {.04, .18, .19, .15, .12, .11, .09, .07, .05};
constexpr std::array<int, 9> kHireAgeLo = {18, 20, 25, 30, 35, 40, 45, 50, 55};
constexpr std::array<int, 9> kHireAgeHi = {19, 24, 29, 34, 39, 44, 49, 54, 59};
// Years of service of the staff on the eve of the window.
constexpr std::array<double, 7> kTenureWeights = {.14, .18, .18, .17, .15, .13, .05};
constexpr std::array<int, 7> kTenureLo = {0, 1, 3, 6, 10, 15, 25};
constexpr std::array<int, 7> kTenureHi = {1, 3, 6, 10, 15, 25, 40};

// Part-time position sizes, in hundredths of a percent (thirds appear in rota work).
constexpr std::array<int, 15> kPartTime = {2000, 2500, 3000, 3333, 4000, 4667, 5000, 5333,
                                           6000, 6667, 7000, 7500, 8000, 8500, 9000};
constexpr std::array<double, 15> kPartTimeDay = {.05, .03, .04, .02, .09, .02, .15, .02,
                                                 .12, .03, .09, .08, .12, .04, .04};
constexpr std::array<double, 15> kPartTimeRota = {.05, .03, .05, .03, .09, .05, .13, .05,
                                                  .12, .06, .08, .08, .09, .05, .04};
// Women work part time a little more often than men in the same job; with the job mix this
// gives KS' 58 % full-time among women against 70 % among men.
constexpr double kWomenFullTimeFactor = 0.97;

// Temporary employment (midlertidig): about 10 % of core staff.
constexpr double kStockTemporary = 0.12;
constexpr double kHireTemporary = 0.60;
constexpr std::array<double, 3> kContractWeights = {.25, .40, .35};
constexpr std::array<int, 3> kContractLo = {91, 183, 366};
constexpr std::array<int, 3> kContractHi = {182, 365, 730};
// When a contract runs out: made permanent, extended, or leaves.
constexpr std::array<double, 3> kContractOutcome = {.37, .30, .33};
constexpr double kTemporaryResigns = 0.10;  // a year

// Position changes (a new period of the same position), chances a year.
constexpr double kIncrease = 0.05;  // a part-timer's position grows (heltidskultur)
constexpr double kIncreaseToFull = 0.30;
constexpr double kSeniorReduction = 0.03;  // a full-timer aged 60 or more goes down to 80 %
constexpr double kSecondPosition = 0.20;   // a part-timer of 20–60 % has a second position

// Hiring.
constexpr double kReturner = 0.035;        // the hire is someone who left earlier
constexpr double kFromApprentice = 0.35;   // a trade job goes to a newly certified apprentice
constexpr double kApprenticeToPool = 0.5;  // a certified apprentice looks for work here

Date Jan1(int year) { return Date::FromYmd(year, 1, 1); }
Date Dec31(int year) { return Date::FromYmd(year, 12, 31); }
// Percentages are kept to two decimals, as HR systems store them (33.33 + 66.67 is full time).
double Hundredths(double percent) { return std::round(percent * 100) / 100; }

// The yearly chance that a holder of `age` leaves (KS: turnover about 13 %, assistants about
// twice that; average retirement age 63.4 with AFP from 62 and retirement 67–70).
double ExitChance(int age, const Job& job, int years_in_job) {
  if (age >= 70) return 1;
  static constexpr std::array<double, 8> kRetirement = {.17, .16, .17, .20, .25, .45, .40, .50};
  if (age >= 62) return kRetirement[static_cast<size_t>(age - 62)];
  double p = age < 20   ? .28
             : age < 25 ? .20
             : age < 30 ? .15
             : age < 35 ? .105
             : age < 40 ? .08
             : age < 55 ? .064
             : age < 60 ? .04
                        : .05;
  p *= job.exit;
  if (years_in_job < 2) p *= 1.3;
  return std::min(p, 1.0);
}

EndReason ExitReason(Random& rng, int age) {
  if (age >= 67) {
    static constexpr std::array<double, 3> kW = {.96, .02, .02};
    static constexpr std::array<EndReason, 3> kR = {EndReason::kRetiredAge, EndReason::kDeath,
                                                    EndReason::kOther};
    return kR[static_cast<size_t>(rng.Pick(kW))];
  }
  if (age >= 62) {
    static constexpr std::array<double, 4> kW = {.62, .18, .05, .15};
    static constexpr std::array<EndReason, 4> kR = {EndReason::kEarlyRetirement,
                                                    EndReason::kRetiredAge, EndReason::kDisability,
                                                    EndReason::kResigned};
    return kR[static_cast<size_t>(rng.Pick(kW))];
  }
  const double disability = age >= 55 ? .22 : age >= 45 ? .10 : .03;
  const std::array<double, 5> weights = {.88 - disability, disability, .03, .01, .08};
  static constexpr std::array<EndReason, 5> kR = {EndReason::kResigned, EndReason::kDisability,
                                                  EndReason::kDismissed, EndReason::kDeath,
                                                  EndReason::kOther};
  return kR[static_cast<size_t>(rng.Pick(weights))];
}

// One period of a position while it is built; the next period's start ends it.
struct Row {
  Date start;
  double percent;
  Employment employment;
};

struct Exit {
  std::optional<Date> date;
  EndReason reason = EndReason::kNone;
};

// Someone who could be hired again: a leaver, or an apprentice with a trade certificate.
struct Candidate {
  int32_t person;
  Date available;  // the day they left
};

class Staffing {
 public:
  Staffing(const Window& window, const Organisation& org, uint64_t seed, core::Workforce* w)
      : window_(window), org_(org), rng_(seed), w_(*w) {}

  void Run() {
    for (const ApprenticePlace& place : org_.apprentice_places) Apprentices(place);
    for (const Slot& slot : org_.slots) FillSlot(slot);
    for (size_t unit = 1; unit < org_.unit_slots.size(); ++unit) {
      ExtraStaff(static_cast<int32_t>(unit));
    }
  }

 private:
  // --- People and positions --------------------------------------------------------------
  int32_t NewPerson(JobId job_id, int birth_year, double women) {
    const Job& job = JobOf(job_id);
    core::Employee e;
    const double u = rng_.Uniform();
    e.gender = u < 0.001 ? Gender::kOther : rng_.Chance(women) ? Gender::kWoman : Gender::kMan;
    const bool woman =
        e.gender == Gender::kWoman || (e.gender == Gender::kOther && rng_.Chance(0.5));
    e.name.assign(woman ? WomanName(rng_.Next()) : ManName(rng_.Next()));
    e.name += ' ';
    e.name += Surname(rng_.Next());
    e.birth_year = birth_year;
    e.education = std::string(Education(job));
    w_.employees.push_back(std::move(e));
    return static_cast<int32_t>(w_.employees.size() - 1);
  }

  std::string_view Education(const Job& job) {
    const double u = rng_.Uniform();
    if (job.education == "videregående") {
      return u < .20 ? "grunnskole" : u < .32 ? "bachelor" : u < .45 ? "fagbrev" : job.education;
    }
    if (job.education == "fagbrev") return u < .12 ? "videregående" : job.education;
    if (job.education == "bachelor") return u < .15 ? "master" : job.education;
    if (job.education == "grunnskole") return u < .35 ? "videregående" : job.education;
    return job.education;
  }

  // Appends a position and its periods; `exit` ends the last one (or it stays open).
  void AddPosition(int32_t person, int32_t unit, JobId job_id, Schedule schedule,
                   const std::vector<Row>& rows, const Exit& exit) {
    const Job& job = JobOf(job_id);
    w_.positions.push_back({std::string(), person});
    const auto position = static_cast<int32_t>(w_.positions.size() - 1);
    for (size_t i = 0; i < rows.size(); ++i) {
      core::PositionPeriod p;
      p.position = position;
      p.unit = unit;
      p.start = rows[i].start;
      if (i + 1 < rows.size()) {
        p.end = rows[i + 1].start.AddDays(-1);
      } else if (exit.date) {
        p.end = exit.date;
        p.end_reason = exit.reason;
      }
      p.percent = rows[i].percent;
      p.employment = rows[i].employment;
      p.leader = job.leader && IsCore(rows[i].employment);
      p.fulltime_hours = WeeklyHours(schedule);
      p.job_code = std::string(job.code);
      p.job_title = std::string(job.title);
      w_.periods.push_back(std::move(p));
    }
  }

  // A single-period position from `start` to `end` (open when after the window).
  void AddSpell(int32_t person, int32_t unit, JobId job, Schedule schedule, Date start, Date end,
                double percent, Employment employment, EndReason reason) {
    rows_.assign(1, Row{start, percent, employment});
    AddPosition(person, unit, job, schedule, rows_,
                end <= window_.last ? Exit{end, reason} : Exit{});
  }

  // --- Distributions ---------------------------------------------------------------------
  int AgeAtLeast(int min_age, std::span<const double> w, std::span<const int> lo,
                 std::span<const int> hi) {
    for (int tries = 0; tries < 8; ++tries) {
      const int age = rng_.FromBands(w, lo, hi);
      if (age >= min_age) return age;
    }
    return min_age + rng_.Between(0, 5);
  }
  int StockAge(const Job& job) {
    if (job.leader) return rng_.Between(std::max(job.min_age, 34), 64);
    return AgeAtLeast(job.min_age, kStockAgeWeights, kStockAgeLo, kStockAgeHi);
  }
  int HireAge(const Job& job) {
    if (job.leader) return rng_.Between(std::max(job.min_age, 32), 60);
    return AgeAtLeast(job.min_age, kHireAgeWeights, kHireAgeLo, kHireAgeHi);
  }
  double Percent(const Job& job, Gender gender, Schedule schedule) {
    if (job.leader) return 100;
    double fulltime = schedule == Schedule::kDay ? job.fulltime_day : job.fulltime_rota;
    if (gender == Gender::kWoman) fulltime *= kWomenFullTimeFactor;
    if (rng_.Chance(fulltime)) return 100;
    const auto& weights = schedule == Schedule::kDay ? kPartTimeDay : kPartTimeRota;
    return kPartTime[static_cast<size_t>(rng_.Pick(weights))] / 100.0;
  }
  double Increase(double percent) {
    if (rng_.Chance(kIncreaseToFull)) return 100;
    return std::min(100.0, Hundredths(percent + 5 * rng_.Between(2, 6)));
  }
  int ContractDays() { return rng_.FromBands(kContractWeights, kContractLo, kContractHi); }
  Date DayIn(Date lo, Date hi) {
    return lo.AddDays(static_cast<int32_t>(rng_.Below(static_cast<uint64_t>(hi - lo) + 1)));
  }

  // --- Slots -----------------------------------------------------------------------------
  void FillSlot(const Slot& slot) {
    const Job& job = JobOf(slot.job);
    const double women =
        job.leader ? org_.traits[static_cast<size_t>(slot.unit)].leader_women : job.women;
    // The holder on the eve of the window.
    const int age = StockAge(job);
    bool temporary = !job.leader && rng_.Chance(kStockTemporary);
    const int max_years = std::max(1, age - job.min_age);
    const int tenure_days =
        temporary
            ? rng_.Between(1, 540)
            : std::max(
                  1,
                  std::min(rng_.FromBands(kTenureWeights, kTenureLo, kTenureHi), max_years) * 365 -
                      rng_.Between(0, 364));
    Date start = window_.first.AddDays(-tenure_days);
    int32_t person = NewPerson(slot.job, window_.first.year() - age, women);
    bool initial = true;
    while (true) {
      const Exit exit = Hold(slot, person, start, temporary, initial);
      if (!exit.date) return;
      const int exit_age = exit.date->year() - w_.employees[static_cast<size_t>(person)].birth_year;
      if (exit.reason == EndReason::kResigned && exit_age < 58) {
        Offer(returners_[static_cast<size_t>(slot.job)], {person, *exit.date});
      }
      if (exit.reason == EndReason::kEarlyRetirement || exit.reason == EndReason::kRetiredAge) {
        MaybeHourlyAfterRetirement(slot, person, *exit.date);
      }
      const Date next =
          exit.date->AddDays(job.leader                                  ? rng_.Between(30, 120)
                             : exit.reason == EndReason::kTemporaryEnded ? rng_.Between(1, 30)
                                                                         : rng_.Between(14, 90));
      if (next > window_.last) return;
      person = Recruit(slot, next, women);
      start = next;
      temporary = !job.leader && rng_.Chance(kHireTemporary);
      initial = false;
    }
  }

  // One holder's time in a slot: their position, its periods, and what comes with it.
  Exit Hold(const Slot& slot, int32_t person, Date start, bool temporary, bool initial) {
    const Job& job = JobOf(slot.job);
    const core::Employee& e = w_.employees[static_cast<size_t>(person)];
    const int birth = e.birth_year;
    const double percent = Percent(job, e.gender, slot.schedule);
    const bool second =
        !job.leader && !temporary && percent >= 20 && percent <= 60 && rng_.Chance(kSecondPosition);
    std::vector<Row> rows = {
        {start, percent, temporary ? Employment::kTemporary : Employment::kPermanent}};
    // Some of today's staff began with a smaller position, before the window.
    if (initial && !temporary && !job.leader && !second && window_.first - start > 3 * 365 &&
        rng_.Chance(0.25)) {
      const Date change = DayIn(start.AddDays(365), window_.first.AddDays(-1));
      rows[0].percent =
          percent >= 100 ? 80 : Hundredths(std::max(10.0, percent - 10 * rng_.Between(1, 2)));
      rows.push_back({change, percent, Employment::kPermanent});
    }
    std::optional<Date> contract_end;
    if (temporary) {
      // The holder on the eve of the window is still employed on its first day.
      contract_end = initial ? window_.first.AddDays(rng_.Between(30, 365))
                             : start.AddDays(ContractDays() - 1);
    }

    Exit exit;
    for (int y = std::max(start.year(), window_.first.year());
         y <= window_.last.year() && !exit.date; ++y) {
      const Date year_end = Dec31(y);
      // Temporary contracts that run out this year.
      while (contract_end && *contract_end <= year_end) {
        const Date ends = *contract_end;
        const int outcome = rng_.Pick(kContractOutcome);
        if (outcome == 2 || y - birth >= 69) {  // no new contract at 69 (leaves by 70)
          exit = {ends, EndReason::kTemporaryEnded};
          break;
        }
        Row next = rows.back();
        next.start = ends.AddDays(1);
        if (next.start > window_.last) break;  // decided after the window
        if (outcome == 0) {
          next.employment = Employment::kPermanent;
          contract_end.reset();
          if (next.percent < 100 && rng_.Chance(0.25)) next.percent = Increase(next.percent);
        } else {
          contract_end = next.start.AddDays(ContractDays() - 1);
        }
        rows.push_back(next);
      }
      if (exit.date) break;
      const bool is_temporary = rows.back().employment == Employment::kTemporary;
      const int age = y - birth;
      Date lo = std::max(Jan1(y), rows.back().start);
      if (age < 70) lo = std::max(lo, start.AddDays(30));
      if (lo > year_end) continue;
      const double chance =
          is_temporary && age < 62 ? kTemporaryResigns : ExitChance(age, job, y - start.year());
      if (rng_.Chance(chance)) {
        exit = {DayIn(lo, year_end),
                is_temporary && age < 62 ? EndReason::kResigned : ExitReason(rng_, age)};
        break;
      }
      // Position size changes: a new period of the same position.
      if (is_temporary || job.leader || second) continue;
      const double now = rows.back().percent;
      const Date from = std::max(lo, rows.back().start.AddDays(60));
      if (from > year_end) continue;
      if (now < 100 && rng_.Chance(kIncrease)) {
        rows.push_back({DayIn(from, year_end), Increase(now), Employment::kPermanent});
      } else if (now >= 100 && age >= 60 && rng_.Chance(kSeniorReduction)) {
        rows.push_back({DayIn(from, year_end), 80, Employment::kPermanent});
      }
    }
    AddPosition(person, slot.unit, slot.job, slot.schedule, rows, exit);
    if (second) SecondPosition(slot, person, start, exit, percent);
    Extras(slot, person, start, exit, percent);
    return exit;
  }

  // 60 + 40, 50 + 50 …: a second core position, in the same unit or another in the sector.
  void SecondPosition(const Slot& slot, int32_t person, Date start, const Exit& exit,
                      double percent) {
    const Date from = start.AddDays(rng_.Between(0, 700));
    const Date until = exit.date.value_or(window_.last);
    if (from > window_.last || until - from < 60) return;
    int32_t unit = slot.unit;
    Schedule schedule = slot.schedule;
    if (rng_.Chance(0.55)) {
      const auto [first, end] = org_.sector_slots[slot.sector];
      const Slot& other =
          org_.slots[static_cast<size_t>(first) + rng_.Below(static_cast<uint64_t>(end - first))];
      if (!JobOf(other.job).leader) {
        unit = other.unit;
        schedule = other.schedule;
      }
    }
    static constexpr std::array<double, 4> kSmall = {20, 25, 30, 40};
    const double size = Hundredths(
        rng_.Chance(0.65) ? 100 - percent : std::min(100 - percent, kSmall[rng_.Below(4)]));
    Exit ends = exit;
    if (rng_.Chance(0.15)) {  // given up before the main position ends
      ends = {DayIn(from.AddDays(30), until), EndReason::kOther};
      if (*ends.date >= window_.last && !exit.date) ends = {};
    }
    rows_.assign(1, Row{from, size, Employment::kPermanent});
    AddPosition(person, unit, slot.job, schedule, rows_, ends);
  }

  // Extra work beside a part-time position: hourly shifts in rota units, or a stint as a
  // substitute. Neither counts as core.
  void Extras(const Slot& slot, int32_t person, Date start, const Exit& exit, double percent) {
    if (JobOf(slot.job).leader || percent >= 100) return;
    const Date from = std::max(start, window_.warmup());
    const Date until = exit.date.value_or(window_.last);
    if (until - from < 120) return;
    if (slot.schedule != Schedule::kDay && rng_.Chance(0.12)) {
      const Date s = DayIn(from, until.AddDays(-60));
      const Date e = std::min(until, s.AddDays(rng_.Between(90, 720)));
      static constexpr std::array<double, 4> kHourly = {5, 10, 15, 20};
      AddSpell(person, slot.unit, slot.job, slot.schedule, s,
               e == window_.last && !exit.date ? window_.last.AddDays(1) : e,
               kHourly[rng_.Below(4)], Employment::kHourly, EndReason::kOther);
    } else if (rng_.Chance(0.05)) {
      const Date s = DayIn(from, until.AddDays(-30));
      const Date e = std::min(until, s.AddDays(rng_.Between(14, 180)));
      AddSpell(person, slot.unit, slot.job, slot.schedule, s, e,
               Hundredths(std::min(100 - percent, 10.0 * rng_.Between(2, 5))),
               Employment::kSubstitute, EndReason::kTemporaryEnded);
    }
  }

  void MaybeHourlyAfterRetirement(const Slot& slot, int32_t person, Date retired) {
    const int birth = w_.employees[static_cast<size_t>(person)].birth_year;
    if (JobOf(slot.job).leader || retired.year() - birth > 68 || !rng_.Chance(0.15)) return;
    const Date s = retired.AddDays(rng_.Between(30, 180));
    if (s > window_.last) return;
    const Date e = std::min(s.AddDays(rng_.Between(90, 720)), Dec31(birth + 70));
    static constexpr std::array<double, 3> kHourly = {10, 20, 30};
    AddSpell(person, slot.unit, slot.job, slot.schedule, s, e, kHourly[rng_.Below(3)],
             Employment::kHourly, EndReason::kRetiredAge);
  }

  // --- Hiring ----------------------------------------------------------------------------
  static void Offer(std::vector<Candidate>& pool, Candidate c) {
    constexpr size_t kMaxPool = 20000;
    if (pool.size() < kMaxPool) pool.push_back(c);
  }
  // Someone from `pool` free for at least `min_gap` and at most `max_gap` days on `date`, or -1.
  int32_t Take(std::vector<Candidate>& pool, Date date, int min_gap, int max_gap) {
    if (pool.empty()) return -1;
    const size_t i = rng_.Below(pool.size());
    const Candidate c = pool[i];
    const int32_t gap = date - c.available;
    if (gap < min_gap) return -1;
    pool[i] = pool.back();
    pool.pop_back();
    return gap <= max_gap ? c.person : -1;
  }

  int32_t Recruit(const Slot& slot, Date date, double women) {
    const Job& job = JobOf(slot.job);
    if (slot.job == JobId::kHealthWorker || slot.job == JobId::kChildWorker) {
      auto& pool = slot.job == JobId::kHealthWorker ? certified_health_ : certified_child_;
      if (rng_.Chance(kFromApprentice)) {
        if (const int32_t p = Take(pool, date, 1, 730); p >= 0) return p;
      }
    }
    if (rng_.Chance(kReturner)) {
      const int32_t p = Take(returners_[static_cast<size_t>(slot.job)], date, 120, 6 * 365);
      if (p >= 0 && date.year() - w_.employees[static_cast<size_t>(p)].birth_year < 62) return p;
    }
    return NewPerson(slot.job, date.year() - HireAge(job), women);
  }

  // --- Apprentices, substitutes, hourly staff ---------------------------------------------
  // Two-year apprenticeships from mid-August, one after the other in each place.
  void Apprentices(const ApprenticePlace& place) {
    const Job& job = JobOf(place.job);
    Date start = Date::FromYmd(window_.first.year() - 1 - static_cast<int>(rng_.Below(2)), 8, 15);
    while (start <= window_.last) {
      const int age = rng_.Chance(0.85) ? rng_.Between(18, 20) : rng_.Between(21, 40);
      const int32_t person = NewPerson(place.job, start.year() - age, job.women);
      Date end = Date::FromYmd(start.year() + 2, 8, 14);
      EndReason reason = EndReason::kTemporaryEnded;
      if (rng_.Chance(0.1)) {
        end = start.AddDays(rng_.Between(30, 600));
        reason = EndReason::kResigned;
      }
      AddSpell(person, place.unit, place.job, Schedule::kDay, start, end, 100,
               Employment::kApprentice, reason);
      if (reason == EndReason::kTemporaryEnded && end < window_.last &&
          rng_.Chance(kApprenticeToPool)) {
        if (place.job == JobId::kApprenticeHealth) Offer(certified_health_, {person, end});
        if (place.job == JobId::kApprenticeChild) Offer(certified_child_, {person, end});
      }
      const Date next = Date::FromYmd(end.year(), 8, 15);
      start = next > end ? next : Date::FromYmd(end.year() + 1, 8, 15);
    }
  }

  // Substitutes and hourly staff of a unit: each track is one person after another, each taking
  // engagements for one to four years.
  void ExtraStaff(int32_t unit) {
    const auto [first, end] = org_.unit_slots[static_cast<size_t>(unit)];
    if (end - first < 2) return;
    const size_t sector = org_.slots[static_cast<size_t>(first)].sector;
    static constexpr std::array<double, 5> kSubstitutes = {.06, .05, .02, .02, .01};
    static constexpr std::array<double, 5> kHourly = {.05, .03, .08, .02, .01};
    const double staff = end - first;
    for (int kind = 0; kind < 2; ++kind) {
      const double expected = staff * (kind == 0 ? kSubstitutes : kHourly)[sector];
      int tracks = static_cast<int>(expected);
      if (rng_.Chance(expected - tracks)) ++tracks;
      for (int t = 0; t < tracks; ++t) {
        Track(unit, first, end, kind == 0 ? Employment::kSubstitute : Employment::kHourly);
      }
    }
  }

  void Track(int32_t unit, int32_t first_slot, int32_t end_slot, Employment employment) {
    const bool substitute = employment == Employment::kSubstitute;
    Date t = window_.warmup().AddDays(-rng_.Between(0, 365));
    while (t <= window_.last) {
      // The slot whose job this person does (never the leader's, which comes first).
      const Slot& slot = org_.slots[static_cast<size_t>(first_slot) + 1 +
                                    rng_.Below(static_cast<uint64_t>(end_slot - first_slot - 1))];
      int age;
      const double u = rng_.Uniform();
      if (substitute) {
        age = u < .7 ? rng_.Between(18, 29) : rng_.Between(30, 60);
      } else {
        age = u < .55   ? rng_.Between(18, 27)
              : u < .80 ? rng_.Between(62, 68)
                        : rng_.Between(30, 60);
      }
      const int birth = t.year() - age;
      const Date leaves = std::min(t.AddDays(rng_.Between(365, 4 * 365)), Dec31(birth + 70));
      int32_t person = -1;
      for (Date s = t; s <= std::min(leaves, window_.last);) {
        const Date e = s.AddDays(substitute ? rng_.Between(14, 240) : rng_.Between(60, 720));
        const Date until = std::min(e, leaves);
        if (until >= window_.first) {
          if (person < 0) person = NewPerson(slot.job, birth, JobOf(slot.job).women);
          static constexpr std::array<double, 7> kSubstitutePercent = {20, 30, 40, 50, 60, 80, 100};
          static constexpr std::array<double, 6> kHourlyPercent = {5, 10, 15, 20, 25, 30};
          const double percent =
              substitute ? kSubstitutePercent[rng_.Below(7)] : kHourlyPercent[rng_.Below(6)];
          AddSpell(person, unit, slot.job, slot.schedule, s, until, percent, employment,
                   substitute ? EndReason::kTemporaryEnded : EndReason::kOther);
        }
        s = until.AddDays(substitute ? rng_.Between(7, 90) : rng_.Between(30, 180));
      }
      t = leaves.AddDays(rng_.Between(1, 60));
    }
  }

  const Window& window_;
  const Organisation& org_;
  Random rng_;
  core::Workforce& w_;
  std::vector<Row> rows_;
  std::array<std::vector<Candidate>, static_cast<size_t>(JobId::kCount)> returners_;
  std::vector<Candidate> certified_health_;
  std::vector<Candidate> certified_child_;
};

}  // namespace

void StaffOrganisation(const Window& window, const Organisation& org, uint64_t seed,
                       core::Workforce* w) {
  Staffing(window, org, seed, w).Run();
}

}  // namespace agp::demo
