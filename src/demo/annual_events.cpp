// What comes once a year for core staff: the pay settlement and the development dialogue.
//
// Pay: a row at hire (or return) and on 1 May each year (the settlement), from the warm-up year
// on, at 100 %: the job's salary for 2024 grown 4 % a year, more with seniority, a personal
// spread, and a small gap between women and men in the same job. With the job mix (men more
// often engineers, lecturers and chief executives; women more often assistants and health
// workers) women's average lands near 94–95 % of men's (KS, FIGURES.md).
//
// Dialogues: one a year with the chance of the unit's dialogue culture (about 80 % on average).
#include <algorithm>
#include <cmath>
#include <vector>

#include "demo/model.h"
#include "demo/random.h"

namespace agp::demo {
namespace {

using core::Date;

constexpr int kSalaryBaseYear = 2024;
constexpr double kSalaryGrowth = 1.04;         // a year
constexpr double kWomenInSameJob = 0.98;       // women's pay against men's in the same job
constexpr double kMaxFixedAllowances = 60000;  // kroner a year at 100 %

struct Span {
  Date from, to;  // inclusive; `from` as employed, before clipping to the warm-up year
};

class AnnualEvents {
 public:
  AnnualEvents(const Window& window, const Organisation& org, int32_t person, PersonPeriods periods,
               uint64_t seed, core::Workforce& w)
      : window_(window), org_(org), person_(person), periods_(periods), rng_(seed), w_(w) {}

  void Run() {
    std::vector<Span> raw;
    for (int32_t i : periods_) {
      const core::PositionPeriod& p = w_.periods[static_cast<size_t>(i)];
      if (!IsCore(p.employment)) continue;
      core_.push_back(i);
      raw.push_back({p.start, std::min(p.end.value_or(window_.last), window_.last)});
    }
    if (core_.empty()) return;
    std::sort(raw.begin(), raw.end(), [](const Span& a, const Span& b) { return a.from < b.from; });
    std::vector<Span> spans;
    for (const Span& s : raw) {
      if (!spans.empty() && s.from <= spans.back().to.AddDays(1)) {
        spans.back().to = std::max(spans.back().to, s.to);
      } else {
        spans.push_back(s);
      }
    }
    first_start_ = spans.front().from;
    const core::Employee& e = w_.employees[static_cast<size_t>(person_)];
    personal_ = rng_.Uniform(0.96, 1.04);
    if (e.gender == core::Gender::kWoman) personal_ *= kWomenInSameJob;
    allowance_factor_ = rng_.Uniform(0.5, 1.5);
    rota_allowance_ = rng_.Uniform(15000, 35000);

    for (const Span& span : spans) {
      if (span.to < window_.warmup()) continue;
      if (span.from >= window_.warmup()) Pay(span.from);
      for (int y = std::max(span.from.year(), window_.warmup().year()); y <= span.to.year(); ++y) {
        const Date settlement = Date::FromYmd(y, 5, 1);
        if (settlement > span.from && settlement <= span.to) Pay(settlement);
      }
    }
    for (int y = window_.warmup().year(); y <= window_.last.year(); ++y) Dialogue(spans, y);
  }

 private:
  // The core period of the person's main position on `day` (KS: the largest percent, then the
  // earliest start), or nullptr.
  const core::PositionPeriod* MainOn(Date day) const {
    const core::PositionPeriod* main = nullptr;
    for (int32_t i : core_) {
      const core::PositionPeriod& p = w_.periods[static_cast<size_t>(i)];
      if (p.start > day || (p.end && *p.end < day)) continue;
      if (main == nullptr || p.percent > main->percent) main = &p;
    }
    return main;
  }

  void Pay(Date day) {
    const core::PositionPeriod* main = MainOn(day);
    if (main == nullptr) return;
    const JobId id = JobByCode(main->job_code);
    if (id == JobId::kCount) return;
    const Job& job = JobOf(id);
    double growth = 1;
    for (int y = kSalaryBaseYear; y < day.year(); ++y) growth *= kSalaryGrowth;
    for (int y = day.year(); y < kSalaryBaseYear; ++y) growth /= kSalaryGrowth;
    const int seniority = std::min(16, std::max(0, (day - first_start_) / 365));
    const double base = job.salary * growth * (0.94 + 0.012 * seniority) * personal_;
    double allowances = job.fixed_allowances * allowance_factor_;
    if (main->fulltime_hours && *main->fulltime_hours < 37.5) allowances += rota_allowance_;
    allowances = std::min(kMaxFixedAllowances, std::round(allowances * growth / 1000) * 1000);
    w_.pay.push_back({person_, day, std::round(base / 100) * 100, allowances});
  }

  void Dialogue(const std::vector<Span>& spans, int year) {
    // The span with the most of the year; dialogues fall between February and November, not in
    // the first month of employment.
    Date lo, hi;
    int32_t best = -1;
    for (const Span& s : spans) {
      const Date from = std::max(s.from.AddDays(30), Date::FromYmd(year, 2, 1));
      const Date to = std::min(s.to, Date::FromYmd(year, 11, 30));
      if (to - from > best) {
        best = to - from;
        lo = from;
        hi = to;
      }
    }
    if (best < 30) return;
    const core::PositionPeriod* main = MainOn(lo);
    const int32_t unit =
        main != nullptr ? main->unit : w_.periods[static_cast<size_t>(core_[0])].unit;
    if (!rng_.Chance(org_.traits[static_cast<size_t>(unit)].dialogue_rate)) return;
    Date day = lo.AddDays(static_cast<int32_t>(rng_.Below(static_cast<uint64_t>(hi - lo) + 1)));
    if (day.weekday() > 5) day = day.AddDays(day.weekday() == 6 ? -1 : -2);  // to the Friday
    if (day < lo) day = day.AddDays(3);
    w_.dialogues.push_back({person_, day});
  }

  const Window& window_;
  const Organisation& org_;
  int32_t person_;
  PersonPeriods periods_;
  Random rng_;
  core::Workforce& w_;
  std::vector<int32_t> core_;
  Date first_start_;
  double personal_ = 1;
  double allowance_factor_ = 1;
  double rota_allowance_ = 0;
};

}  // namespace

void AddAnnualEvents(const Window& window, const Organisation& org, int32_t person,
                     PersonPeriods periods, uint64_t seed, core::Workforce* w) {
  AnnualEvents(window, org, person, periods, seed, *w).Run();
}

}  // namespace agp::demo
