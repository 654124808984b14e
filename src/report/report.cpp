// Gathering the annual report: the policy in document order, each goal evaluated for the period
// with its figures read through the audience's suppression, the trend and breakdown behind each
// figure, and the assessment that counts for the period.
#include "report/report.h"

#include <algorithm>
#include <functional>
#include <set>

#include "metrics/indicator.h"
#include "metrics/labels.h"
#include "policy/policy_store.h"

namespace agp::report {

std::optional<Audience> ParseAudience(std::string_view key) {
  if (key == "public") return Audience::kPublic;
  if (key == "union") return Audience::kUnion;
  if (key == "admin") return Audience::kAdmin;
  return std::nullopt;
}

const char* AudienceKey(Audience a) {
  switch (a) {
    case Audience::kPublic:
      return "public";
    case Audience::kUnion:
      return "union";
    case Audience::kAdmin:
      return "admin";
    case Audience::kLeader:
      return "leader";
  }
  return "public";
}

const char* AudienceLabel(Audience a) {
  switch (a) {
    case Audience::kPublic:
      return "Offentlig";
    case Audience::kUnion:
      return "For tillitsvalgte, verneombud og AMU";
    case Audience::kAdmin:
      return "Internt for HR – inneholder tall om små grupper, ikke for offentliggjøring";
    case Audience::kLeader:
      return "For leder – inneholder tall om små grupper i egne enheter, ikke for "
             "offentliggjøring";
  }
  return "Offentlig";
}

namespace {

// The policy as the report reads it: for a report on one unit, the indicators that speak of the
// whole organisation (no scope) are read for that unit instead.
std::shared_ptr<const policy::Policy> ScopedPolicy(const policy::Policy& source,
                                                   const std::string& unit) {
  auto copy = std::make_shared<policy::Policy>(source);
  if (unit.empty()) return copy;
  std::function<void(std::vector<policy::Node>&)> rescope = [&](std::vector<policy::Node>& nodes) {
    for (policy::Node& n : nodes) {
      for (policy::IndicatorLink& link : n.indicators) {
        if (link.scope.empty()) link.scope = unit;
      }
      rescope(n.children);
    }
  };
  rescope(copy->nodes);
  return copy;
}

std::string BaseKey(const std::string& key) { return key.substr(0, key.find(':')); }

}  // namespace

core::Result<Report> BuildReport(const ReportInput& input) {
  if (input.policy == nullptr || input.cube == nullptr) {
    return core::Error(core::ErrorCode::kUsage, "rapporten trenger en policy og beregnede tall");
  }
  const metrics::MeasureCube& cube = *input.cube;
  if (cube.FindPeriod(input.period) < 0) {
    std::string have;
    for (const core::Period& p : cube.periods()) {
      if (p.kind() != core::PeriodKind::kYear) continue;
      have += (have.empty() ? "" : ", ") + p.ToString();
    }
    return core::Error(core::ErrorCode::kNotFound, "perioden " + input.period.ToString() +
                                                       " er ikke beregnet (årene med tall: " +
                                                       (have.empty() ? "ingen" : have) + ")");
  }
  const int root = input.unit.empty() ? cube.RootUnit() : cube.FindUnit(input.unit);
  if (root < 0) {
    return core::Error(core::ErrorCode::kUsage,
                       input.unit.empty() ? "dataene har ingen enheter"
                                          : "enheten «" + input.unit + "» finnes ikke i dataene");
  }

  Report report;
  report.input = input;
  report.unit_name = cube.units()[static_cast<size_t>(root)].name;
  report.policy = ScopedPolicy(*input.policy, input.unit);

  policy::EvaluationInput evaluation;
  evaluation.cube = &cube;
  evaluation.reference = input.reference;
  evaluation.audience = input.audience;
  std::vector<policy::GoalResult> goals =
      policy::Evaluate(*report.policy, input.period, evaluation);

  // A measure belongs in the report when its unit lies in the report's subtree, or when no unit
  // carries it out yet (the organisation's).
  auto InReport = [&](const followup::MeasureState& m) {
    if (input.unit.empty() || m.unit_key.empty()) return true;
    int u = cube.FindUnit(m.unit_key);
    for (size_t steps = 0; u >= 0 && steps <= cube.units().size(); ++steps) {
      if (u == root) return true;
      u = cube.units()[static_cast<size_t>(u)].parent;
    }
    return false;
  };
  metrics::FigureBook book(cube, input.audience);
  std::set<std::string> used;
  std::vector<int> counters;
  policy::ForEachNode(report.policy->nodes, [&](const policy::Node& node, int depth) {
    NodeBlock block;
    block.node = &node;
    block.depth = depth;
    counters.resize(static_cast<size_t>(depth) + 1, 0);
    ++counters[static_cast<size_t>(depth)];
    for (int d = 0; d <= depth; ++d) {
      block.number += (d > 0 ? "." : "") + std::to_string(counters[static_cast<size_t>(d)]);
    }
    counters.resize(static_cast<size_t>(depth) + 1);
    const policy::GoalResult* goal = nullptr;
    for (const policy::GoalResult& g : goals) {
      if (g.node == &node) goal = &g;
    }
    block.goal = goal != nullptr;
    if (goal != nullptr) {
      block.status = goal->status;
      ++report.status_counts[static_cast<size_t>(goal->status)];
      ++report.goals;
    }
    if (input.measures == nullptr) {
      report.measures += static_cast<int>(node.measures.size());
    } else {
      for (const followup::MeasureState* m : input.measures->OfNode(node.id)) {
        if (!InReport(*m)) continue;
        block.execution.push_back(m);
        ++report.measures;
        ++report.measure_status_counts[static_cast<size_t>(m->status)];
        if (m->overdue) ++report.measures_overdue;
      }
    }

    for (size_t i = 0; i < node.indicators.size(); ++i) {
      const policy::IndicatorLink& link = node.indicators[i];
      const policy::TargetResult* tr =
          goal != nullptr && i < goal->targets.size() ? &goal->targets[i] : nullptr;
      IndicatorBlock line;
      line.key = link.key;
      line.unit = cube.FindUnit(tr != nullptr ? tr->unit : link.scope);
      if (line.unit < 0) line.unit = root;
      const metrics::CubeUnit& u = cube.units()[static_cast<size_t>(line.unit)];
      line.unit_key = u.key;
      line.unit_name = u.name;
      line.target = link.target;
      line.target_words = link.target ? policy::TargetWords(*link.target, link.key) : "uten mål";
      if (tr != nullptr) {
        line.status = tr->status;
        line.rule = tr->rule;
      }
      if (const metrics::Cell* c = book.Get(link.key, line.unit, input.period)) {
        line.current = *c;
        line.has_current = true;
      }
      const std::string base = BaseKey(link.key);
      if (metrics::FindIndicator(base)) used.insert(base);
      if (input.reference != nullptr) {
        line.national = input.reference->Find(base, input.period.ToString());
      }
      for (int y = input.period.year() - input.trend_years + 1; y <= input.period.year(); ++y) {
        TrendPoint point;
        point.period = core::Period::Year(y);
        if (const metrics::Cell* c = book.Get(link.key, line.unit, point.period)) {
          point.cell = *c;
          point.has_cell = true;
        }
        if (input.reference != nullptr) {
          const metrics::ReferenceFigure* ref =
              input.reference->Find(base, point.period.ToString());
          if (ref != nullptr && ref->year == y) point.national = ref->value;
        }
        line.trend.push_back(point);
      }
      for (int c : cube.ChildUnits(line.unit)) {
        UnitFigure f;
        f.unit = c;
        f.key = cube.units()[static_cast<size_t>(c)].key;
        f.name = cube.units()[static_cast<size_t>(c)].name;
        if (const metrics::Cell* cell = book.Get(link.key, c, input.period)) {
          f.cell = *cell;
          f.has_cell = true;
        }
        line.breakdown.push_back(std::move(f));
      }
      block.indicators.push_back(std::move(line));
    }
    if (input.assessments != nullptr) {
      if (const store::AssessmentRecord* a =
              policy::CurrentAssessment(*input.assessments, node.id, input.period.ToString())) {
        block.assessment = *a;
      }
    }
    report.nodes.push_back(std::move(block));
  });
  for (const metrics::IndicatorInfo& info : metrics::Indicators()) {
    if (used.count(std::string(info.key)) != 0) report.indicators_used.emplace_back(info.key);
  }
  return report;
}

}  // namespace agp::report
