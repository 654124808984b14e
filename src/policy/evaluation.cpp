#include "policy/evaluation.h"

#include <cstdio>
#include <string>

#include "core/text.h"
#include "metrics/indicator.h"
#include "metrics/labels.h"
#include "metrics/query.h"

namespace agp::policy {
namespace {

struct Lookup {
  std::optional<double> value;
  bool suppressed = false;
};

Lookup FigureAt(const EvaluationInput& in, const std::string& key, const std::string& unit,
                std::optional<core::Period> period) {
  if (!period) return {};
  metrics::FigureRequest request;
  request.periods = {*period};
  request.indicators = {key};
  request.unit = unit;
  auto figures = metrics::QueryFigures(*in.cube, request, in.audience);
  if (!figures.ok() || figures->empty()) return {};  // outside the computed periods, or unknown
  const metrics::Cell& c = (*figures)[0].cell;
  return {c.value, c.suppressed};
}

// The same period one year earlier ("2024-03" → "2023-03").
std::optional<core::Period> YearBefore(core::Period p) {
  std::string text = p.ToString();
  const std::string year = std::to_string(p.year() - 1);
  if (year.size() != 4) return std::nullopt;
  text.replace(0, 4, year);
  return core::Period::Parse(text);
}

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  std::string s(buf);
  for (char& c : s) c = c == '.' ? ',' : c;
  return s;
}

bool Satisfies(double value, double target, bool at_least) {
  return at_least ? value >= target - 1e-9 : value <= target + 1e-9;
}

// Continues the yearly change from `previous` to `value` until `by`; whether it reaches `target`.
// Fills `why` with the projection.
bool PaceReaches(double value, std::optional<double> previous, double target, bool at_least,
                 const std::string& by, core::Date count_date, std::string* why) {
  if (by.empty()) {
    *why = "ingen frist (by) å måle farten mot";
    return false;
  }
  const auto deadline = core::ParseDate(by);
  if (!deadline || *deadline <= count_date) {
    *why = "fristen " + by + " er nådd";
    return false;
  }
  if (!previous) {
    *why = "ingen tall året før å måle farten fra";
    return false;
  }
  const double per_year = value - *previous;
  const double years = static_cast<double>(*deadline - count_date) / 365.25;
  const double projected = value + per_year * years;
  *why = "endring " + Num(per_year) + " per år gir " + Num(projected) + " innen " + by;
  return Satisfies(projected, target, at_least);
}

int Severity(GoalStatus s) {
  switch (s) {
    case GoalStatus::kOffTrack:
      return 4;
    case GoalStatus::kNoData:
      return 3;
    case GoalStatus::kOnTrack:
      return 2;
    case GoalStatus::kMet:
      return 1;
    case GoalStatus::kNoTarget:
      return 0;
  }
  return 0;
}

TargetResult EvaluateTarget(const IndicatorLink& link, const std::string& root, core::Period period,
                            const EvaluationInput& in) {
  TargetResult r;
  r.link = link;
  r.unit = link.scope.empty() ? root : link.scope;
  if (!link.target || link.target->rule == TargetRule::kNone) {
    r.status = GoalStatus::kNoTarget;
    r.rule = "uten mål";
    return r;
  }
  const Target& t = *link.target;
  const Lookup now = FigureAt(in, link.key, r.unit, period);
  r.value = now.value;
  r.suppressed = now.suppressed;
  if (!now.value) {
    r.status = GoalStatus::kNoData;
    r.rule = now.suppressed ? "tallet er skjermet (for få personer)"
                            : "ingen tall for " + period.ToString();
    return r;
  }
  const double value = *now.value;
  r.previous = FigureAt(in, link.key, r.unit, YearBefore(period)).value;
  const core::Date count_date = period.count_date();
  std::string why;

  if (t.rule == TargetRule::kAtLeast || t.rule == TargetRule::kAtMost) {
    const bool at_least = t.rule == TargetRule::kAtLeast;
    const std::string wanted = (at_least ? "≥ " : "≤ ") + Num(t.value);
    if (Satisfies(value, t.value, at_least)) {
      r.status = GoalStatus::kMet;
      r.rule = Num(value) + " " + wanted;
    } else {
      r.status = PaceReaches(value, r.previous, t.value, at_least, t.by, count_date, &why)
                     ? GoalStatus::kOnTrack
                     : GoalStatus::kOffTrack;
      r.rule = Num(value) + ", målet er " + wanted + "; " + why;
    }
    return r;
  }

  if (t.rule == TargetRule::kTrendUp || t.rule == TargetRule::kTrendDown) {
    const bool up = t.rule == TargetRule::kTrendUp;
    const Lookup base = FigureAt(in, link.key, r.unit, core::Period::Parse(t.baseline));
    r.baseline = base.value;
    if (!base.value) {
      r.status = GoalStatus::kNoData;
      r.rule = base.suppressed ? "tallet for " + t.baseline + " er skjermet"
                               : "ingen tall for utgangsåret " + t.baseline;
      return r;
    }
    const std::string direction = up ? "opp" : "ned";
    if (up ? value > *base.value : value < *base.value) {
      r.status = GoalStatus::kMet;
      r.rule = Num(*base.value) + " (" + t.baseline + ") → " + Num(value) + ": " + direction +
               " som ønsket";
      return r;
    }
    const bool moving = r.previous && (up ? value > *r.previous : value < *r.previous);
    const auto deadline = core::ParseDate(t.by);
    const bool time_left = t.by.empty() || (deadline && *deadline > count_date);
    r.status = moving && time_left ? GoalStatus::kOnTrack : GoalStatus::kOffTrack;
    r.rule = Num(*base.value) + " (" + t.baseline + ") → " + Num(value) + ": ikke " + direction +
             (moving ? ", men siste år gikk det " + direction : "") +
             (time_left ? "" : "; fristen " + t.by + " er nådd");
    return r;
  }

  // better_than: reference
  const auto id = metrics::FindIndicator(link.key.substr(0, link.key.find(':')));
  const metrics::ReferenceFigure* ref =
      in.reference == nullptr ? nullptr : in.reference->Find(link.key, period.ToString());
  if (ref == nullptr || !id) {
    r.status = GoalStatus::kNoData;
    r.rule = "ingen nasjonal referanse for " + link.key + " i " + period.ToString();
    return r;
  }
  r.reference = ref->value;
  const bool higher_better = metrics::Info(*id).direction == metrics::Direction::kHigherIsBetter;
  const std::string against = Num(ref->value) + " (" + ref->scope + " " + ref->period + ")";
  if (higher_better ? value > ref->value : value < ref->value) {
    r.status = GoalStatus::kMet;
    r.rule = Num(value) + (higher_better ? " > " : " < ") + against;
  } else {
    r.status = PaceReaches(value, r.previous, ref->value, higher_better, t.by, count_date, &why)
                   ? GoalStatus::kOnTrack
                   : GoalStatus::kOffTrack;
    r.rule = Num(value) + ", referansen er " + against + "; " + why;
  }
  return r;
}

}  // namespace

const char* StatusKey(GoalStatus s) {
  switch (s) {
    case GoalStatus::kMet:
      return "met";
    case GoalStatus::kOnTrack:
      return "on_track";
    case GoalStatus::kOffTrack:
      return "off_track";
    case GoalStatus::kNoData:
      return "no_data";
    case GoalStatus::kNoTarget:
      return "no_target";
  }
  return "";
}

const char* StatusLabel(GoalStatus s) {
  switch (s) {
    case GoalStatus::kMet:
      return "nådd";
    case GoalStatus::kOnTrack:
      return "i rute";
    case GoalStatus::kOffTrack:
      return "ikke i rute";
    case GoalStatus::kNoData:
      return "mangler tall";
    case GoalStatus::kNoTarget:
      return "uten mål";
  }
  return "";
}

const char* StatusSymbol(GoalStatus s) {
  switch (s) {
    case GoalStatus::kMet:
      return "✔";
    case GoalStatus::kOnTrack:
      return "↗";
    case GoalStatus::kOffTrack:
      return "✖";
    case GoalStatus::kNoData:
      return "?";
    case GoalStatus::kNoTarget:
      return "–";
  }
  return "";
}

std::vector<GoalResult> Evaluate(const Policy& policy, core::Period period,
                                 const EvaluationInput& in) {
  const int root_unit = in.cube->RootUnit();
  const std::string root =
      root_unit < 0 ? std::string() : in.cube->units()[static_cast<size_t>(root_unit)].key;
  std::vector<GoalResult> out;
  ForEachNode(policy.nodes, [&](const Node& node, int) {
    if (!IsGoal(node)) return;
    GoalResult g;
    g.node = &node;
    for (const IndicatorLink& link : node.indicators) {
      g.targets.push_back(EvaluateTarget(link, root, period, in));
      if (Severity(g.targets.back().status) > Severity(g.status))
        g.status = g.targets.back().status;
    }
    out.push_back(std::move(g));
  });
  return out;
}

std::string TargetWords(const Target& t, const std::string& key) {
  std::string unit = metrics::IndicatorUnit(key);
  std::string suffix = unit.empty() ? "" : " " + unit;
  std::string s;
  switch (t.rule) {
    case TargetRule::kAtLeast:
      s = "minst " + core::DecimalText(t.value) + suffix;
      break;
    case TargetRule::kAtMost:
      s = "høyst " + core::DecimalText(t.value) + suffix;
      break;
    case TargetRule::kTrendUp:
      s = "stigende fra " + core::PeriodLabel(t.baseline);
      break;
    case TargetRule::kTrendDown:
      s = "synkende fra " + core::PeriodLabel(t.baseline);
      break;
    case TargetRule::kBetterThanReference:
      s = "bedre enn landet";
      break;
    case TargetRule::kNone:
      s = "uten mål";
      break;
  }
  if (!t.by.empty()) s += " innen " + core::DateLabel(t.by);
  return s;
}

}  // namespace agp::policy
