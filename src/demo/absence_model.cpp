// Sick leave, other leave and sick-leave follow-up for one person.
//
// Spells start by chance month by month (self-certified twice a month), more often in winter,
// at a rate that depends on gender, age, the unit and a personal propensity (sick leave is
// concentrated on few people). Self-certified spells last 1–3 days (folketrygdloven §8-24) at
// grade 100; doctor-certified spells have a heavy-tailed length up to 365 days, longer ones more
// often graded, and are written as the chain of sick notes a real export holds (sick_notes.h);
// now and then one comes back after a few weeks (a relapse: a new follow-up case). Together they
// give about 8 % of agreed day-works (docs/demo-data.md). Follow-up events count from the start
// of the follow-up case (DESIGN §10.1) that the written rows form.
#include <algorithm>
#include <array>
#include <optional>
#include <vector>

#include "demo/model.h"
#include "demo/random.h"
#include "demo/sick_notes.h"

namespace agp::demo {
namespace {

using core::Absence;
using core::AbsenceType;
using core::Date;

// Spells a year for a person of average propensity, tuned so that sick leave lands near KS'
// doctor-certified figure (7.2–7.7 %, we aim at about 6.8 %) and SSB's self-certified share
// (about 1.2 %, of which about 0.1 point is the egenmelding that begins doctor-certified spells).
constexpr double kSelfCertifiedPerYear = 1.89;
constexpr double kDoctorCertifiedPerYear = 0.875;

// Monthly factors on the rate: NAV's quarterly statistics peak in the first quarter and bottom
// out in the third (the monthly shape is invented; the mean is 1).
constexpr std::array<double, 12> kSeason = {1.25, 1.25, 1.10, 0.95, 0.90, 0.85,
                                            0.60, 0.85, 1.00, 1.05, 1.10, 1.10};

// Doctor-certified length in calendar days: many within the employer period (up to 16 days,
// folketrygdloven §8-19), a long tail to the 52 weeks of sickness benefit.
constexpr std::array<double, 7> kDoctorWeights = {.22, .30, .18, .12, .10, .05, .03};
constexpr std::array<int, 7> kDoctorLo = {4, 8, 17, 32, 57, 113, 183};
constexpr std::array<int, 7> kDoctorHi = {7, 16, 31, 56, 112, 182, 365};
// Chance that a doctor-certified spell of more than 16 days comes back 17–45 days after its end.
constexpr double kRelapse = 0.04;
constexpr int kRelapseGapLo = 17;  // > 16: a new follow-up case (DESIGN §10.1)
constexpr int kRelapseGapHi = 45;
// NAV's oppfølgingstilfelle: a sick absence starting at most this many days after the end of the
// case before it belongs to that case.
constexpr int kCaseGap = 16;
// Personal propensity: most people are seldom sick, a few often.
constexpr std::array<double, 3> kPropensity = {0.35, 1.0, 2.3};
constexpr std::array<double, 3> kPropensityWeights = {.40, .40, .20};

// Other leave, kept but not sick leave: indices into Workforce::other_absence_types.
constexpr int32_t kParentalLeave = 0;  // foreldrepermisjon
constexpr int32_t kLeave = 1;          // permisjon
constexpr int32_t kWelfareLeave = 2;   // velferdspermisjon

struct Span {
  Date from, to;  // inclusive
};

// A position the person holds (any period of it), with its first and last day.
struct Held {
  int32_t position;
  Date from, to;
  double percent;  // of the period running on `from`… good enough to pick the main one
};

class AbsenceModel {
 public:
  AbsenceModel(const Window& window, const Organisation& org, int32_t person, PersonPeriods periods,
               uint64_t seed, core::Workforce& w)
      : window_(window), org_(org), person_(person), periods_(periods), rng_(seed), w_(w) {}

  void Run() {
    CollectSpans();
    if (spans_.empty()) return;
    const core::Employee& e = w_.employees[static_cast<size_t>(person_)];
    const bool woman = e.gender == core::Gender::kWoman;
    const double propensity = kPropensity[static_cast<size_t>(rng_.Pick(kPropensityWeights))] *
                              org_.traits[static_cast<size_t>(unit_)].sick_leave *
                              (woman ? 1.15 : 0.72);
    for (const Span& span : spans_) {
      OtherLeave(span, e);
      SickLeave(span, e.birth_year, propensity);
    }
    FollowUpCases();
  }

 private:
  // The spans of employment in positions other than timelonnet, from the warm-up year on.
  void CollectSpans() {
    std::vector<Span> raw;
    for (int32_t i : periods_) {
      const core::PositionPeriod& p = w_.periods[static_cast<size_t>(i)];
      if (p.employment == core::Employment::kHourly) continue;
      const Date from = std::max(p.start, window_.warmup());
      const Date to = std::min(p.end.value_or(window_.last), window_.last);
      if (from > to) continue;
      if (unit_ < 0) unit_ = p.unit;
      raw.push_back({from, to});
      auto it = std::find_if(held_.begin(), held_.end(),
                             [&](const Held& h) { return h.position == p.position; });
      if (it == held_.end()) {
        held_.push_back({p.position, from, to, p.percent});
      } else {
        it->from = std::min(it->from, from);
        it->to = std::max(it->to, to);
      }
    }
    std::sort(raw.begin(), raw.end(), [](const Span& a, const Span& b) { return a.from < b.from; });
    for (const Span& s : raw) {
      if (!spans_.empty() && s.from <= spans_.back().to.AddDays(1)) {
        spans_.back().to = std::max(spans_.back().to, s.to);
      } else {
        spans_.push_back(s);
      }
    }
  }

  void OtherLeave(const Span& span, const core::Employee& e) {
    for (int y = span.from.year(); y <= span.to.year(); ++y) {
      const int age = y - e.birth_year;
      int32_t type = -1;
      int days = 0;
      if (age >= 25 && age <= 42 && e.gender == core::Gender::kWoman && rng_.Chance(0.07)) {
        type = kParentalLeave;
        days = rng_.Between(200, 330);
      } else if (age >= 25 && age <= 45 && e.gender == core::Gender::kMan && rng_.Chance(0.05)) {
        type = kParentalLeave;
        days = rng_.Between(70, 105);
      } else if (rng_.Chance(0.012)) {
        type = kLeave;
        days = rng_.Between(30, 365);
      } else if (rng_.Chance(0.10)) {
        type = kWelfareLeave;
        days = rng_.Between(1, 3);
      }
      if (type < 0) continue;
      const Date lo = std::max(span.from, Date::FromYmd(y, 1, 1));
      const Date hi = std::min(span.to, Date::FromYmd(y, 12, 31));
      if (lo > hi) continue;
      const Date start = DayIn(lo, hi);
      const Date end = std::min(span.to, start.AddDays(days - 1));
      if (end < window_.first || Overlaps(start, end)) continue;
      Absence a;
      a.employee = person_;
      a.type = AbsenceType::kOther;
      a.other_type = type;
      a.start = start;
      a.end = end;
      w_.absences.push_back(a);
      other_.push_back({start, end});
    }
  }

  bool Overlaps(Date from, Date to) const {
    return std::any_of(other_.begin(), other_.end(),
                       [&](const Span& s) { return s.from <= to && from <= s.to; });
  }

  void SickLeave(const Span& span, int birth_year, double propensity) {
    Date busy_until = span.from.AddDays(-1);
    for (int y = span.from.year(); y <= span.to.year(); ++y) {
      const int age = y - birth_year;
      const double self_age = age < 30 ? 1.4 : age < 40 ? 1.1 : age < 50 ? 0.95 : 0.75;
      const double doctor_age = age < 30   ? 0.8
                                : age < 40 ? 0.95
                                : age < 50 ? 1.0
                                : age < 60 ? 1.15
                                           : 1.2;
      for (int m = 1; m <= 12; ++m) {
        const Date month_first = Date::FromYmd(y, m, 1);
        const Date month_last = Date::FromYmd(y, m, core::DaysInMonth(y, m));
        const Date lo = std::max(month_first, span.from);
        const Date hi = std::min(month_last, span.to);
        if (lo > hi) continue;
        const double covered = static_cast<double>(hi - lo + 1) / (month_last - month_first + 1);
        const double season = kSeason[static_cast<size_t>(m - 1)] * covered * propensity;
        // Up to three onsets a month, in date order: two chances of self-certified absence
        // (one in each half) and one of doctor-certified.
        std::array<std::pair<Date, bool>, 3> onsets;
        size_t n = 0;
        const double self_p = kSelfCertifiedPerYear / 24 * season * self_age;
        const Date mid = std::min(hi, std::max(lo, month_first.AddDays(14)));
        if (rng_.Chance(self_p)) {
          if (auto d = WorkingDayIn(lo, mid)) onsets[n++] = {*d, false};
        }
        if (rng_.Chance(self_p) && mid < hi) {
          if (auto d = WorkingDayIn(mid.AddDays(1), hi)) onsets[n++] = {*d, false};
        }
        if (rng_.Chance(kDoctorCertifiedPerYear / 12 * season * doctor_age)) {
          const Date d = DayIn(lo, hi);
          onsets[n++] = {d, true};
        }
        std::sort(onsets.begin(), onsets.begin() + static_cast<std::ptrdiff_t>(n));
        for (size_t i = 0; i < n; ++i) {
          const auto [start, doctor] = onsets[i];
          if (start <= busy_until) continue;
          const Date end = Spell(start, doctor, span.to);
          if (end >= start) busy_until = end;
        }
      }
    }
  }

  // Adds one spell from `start` (if it fits) and returns its end, or the day before `start`. A
  // doctor-certified spell is written as its sick notes and may relapse once.
  Date Spell(Date start, bool doctor, Date span_end, bool may_relapse = true) {
    int length;
    bool graded = false;
    if (doctor) {
      length = rng_.FromBands(kDoctorWeights, kDoctorLo, kDoctorHi);
      graded = rng_.Chance(length <= 16 ? 0.05 : length <= 56 ? 0.25 : 0.45);
    } else {
      static constexpr std::array<double, 3> kSelfLength = {.40, .30, .30};
      length = 1 + rng_.Pick(kSelfLength);
    }
    Date end = std::min(span_end, start.AddDays(length - 1));
    // Most absences name the position; some leave it empty (every position that day).
    const int32_t position = PositionFor(start, doctor ? 0.9 : 0.8);
    if (position >= 0) {
      for (const Held& h : held_) {
        if (h.position == position) end = std::min(end, h.to);
      }
    }
    if (Overlaps(start, end)) return start.AddDays(-1);
    if (end < window_.first) {
      // in the warm-up year: not kept
    } else if (!doctor || end - start < 3) {
      Write(start, end, doctor, 100, position);
    } else {
      SplitIntoNotes(start, end, graded, rng_, &notes_);
      for (const SickNote& note : notes_) {
        if (note.end >= window_.first) {
          Write(note.start, note.end, !note.self_certified, note.grade, position);
        }
      }
    }
    if (doctor && may_relapse && end - start >= 16 && rng_.Chance(kRelapse)) {
      const Date again = end.AddDays(1 + rng_.Between(kRelapseGapLo, kRelapseGapHi));
      if (again <= span_end) {
        const Date relapse_end = Spell(again, true, span_end, false);
        if (relapse_end >= again) return relapse_end;
      }
    }
    return end;
  }

  void Write(Date start, Date end, bool doctor, uint8_t grade, int32_t position) {
    Absence a;
    a.employee = person_;
    a.position = position;
    a.type = doctor ? AbsenceType::kDoctorCertified : AbsenceType::kSelfCertified;
    a.grade = grade;
    a.start = start;
    a.end = end;
    sick_.push_back(w_.absences.size());
    w_.absences.push_back(a);
  }

  // The position an absence names, or -1: one position is named with `named`; of several, the
  // largest half of the time.
  int32_t PositionFor(Date day, double named) {
    const Held* only = nullptr;
    int active = 0;
    for (const Held& h : held_) {
      if (h.from <= day && day <= h.to) {
        if (only == nullptr || h.percent > only->percent) only = &h;
        ++active;
      }
    }
    if (only == nullptr) return -1;
    if (active > 1) named = 0.5;
    return rng_.Chance(named) ? only->position : -1;
  }

  // The follow-up cases of the person's sick rows (written in date order, never overlapping):
  // a row starting at most 16 days after the case's end joins it (DESIGN §10.1). Cases that hold
  // a doctor-certified row get follow-up events.
  void FollowUpCases() {
    for (size_t first = 0; first < sick_.size();) {
      const Absence& a = w_.absences[sick_[first]];
      Date end = a.end;
      bool doctor = a.type == AbsenceType::kDoctorCertified;
      size_t last = first + 1;
      for (; last < sick_.size(); ++last) {
        const Absence& b = w_.absences[sick_[last]];
        if (b.start - end - 1 > kCaseGap) break;
        end = std::max(end, b.end);
        doctor |= b.type == AbsenceType::kDoctorCertified;
      }
      if (doctor) FollowUp(a.start, end, first, last);
      first = last;
    }
  }

  // Whether the rows sick_[first, last) hold a row of grade 100 on `day`.
  bool FullyAbsent(Date day, size_t first, size_t last) const {
    for (size_t i = first; i < last; ++i) {
      const Absence& a = w_.absences[sick_[i]];
      if (a.start <= day && day <= a.end && a.grade == 100) return true;
    }
    return false;
  }

  // Follow-up deadlines (arbeidsmiljøloven §4-6, folketrygdloven §8-7a) from the case start:
  // mostly met, sometimes late, sometimes not at all; how often depends on the unit.
  void FollowUp(Date start, Date end, size_t first, size_t last) {
    const int32_t length = end - start + 1;
    const double diligence = org_.traits[static_cast<size_t>(unit_)].followup;
    const auto event = [&](core::FollowupKind kind, int deadline, double on_time, double late,
                           int earliest) {
      const double p = std::min(0.98, on_time * diligence);
      const double u = rng_.Uniform();
      int day;
      if (u < p) {
        day = rng_.Between(earliest, deadline - 1);
      } else if (u < p + late && length > deadline) {
        day = rng_.Between(deadline, std::min(length - 1, deadline + 30));
      } else {
        return;
      }
      const Date when = start.AddDays(day);
      if (when <= window_.last) w_.followup.push_back({person_, kind, when});
    };
    // Day numbers count from 0 on the first day: day 27 is the 28th day.
    if (length >= 28) event(core::FollowupKind::kFollowupPlan, 28, 0.85, 0.08, 7);
    if (length >= 49 && FullyAbsent(start.AddDays(48), first, last)) {
      event(core::FollowupKind::kDialogueMeeting1, 49, 0.80, 0.10, 28);
    }
    if (length >= 182) event(core::FollowupKind::kDialogueMeeting2, 182, 0.85, 0.10, 160);
  }

  Date DayIn(Date lo, Date hi) {
    return lo.AddDays(static_cast<int32_t>(rng_.Below(static_cast<uint64_t>(hi - lo) + 1)));
  }
  // A Monday–Friday in [lo, hi], or nothing when the range is a weekend.
  std::optional<Date> WorkingDayIn(Date lo, Date hi) {
    Date d = DayIn(lo, hi);
    if (d.weekday() > 5) d = d.AddDays(8 - d.weekday());
    if (d > hi) d = d.AddDays(-3);
    if (d < lo || d.weekday() > 5) return std::nullopt;
    return d;
  }

  const Window& window_;
  const Organisation& org_;
  int32_t person_;
  PersonPeriods periods_;
  Random rng_;
  core::Workforce& w_;
  int32_t unit_ = -1;
  std::vector<Span> spans_;
  std::vector<Held> held_;
  std::vector<Span> other_;
  std::vector<size_t> sick_;  // the person's sick rows in w_.absences, in date order
  std::vector<SickNote> notes_;
};

}  // namespace

void AddAbsences(const Window& window, const Organisation& org, int32_t person,
                 PersonPeriods periods, uint64_t seed, core::Workforce* w) {
  AbsenceModel(window, org, person, periods, seed, *w).Run();
}

}  // namespace agp::demo
