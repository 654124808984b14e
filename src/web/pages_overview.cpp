// Oversikt: the employer policy as a tree with each goal's status (symbol and words), its key
// figures with a small trend, and the organisation's main figures beside the national ones.
#include <map>

#include "policy/evaluation.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/widgets.h"

namespace agp::web {

namespace {

constexpr const char* kKeyFigures[] = {"headcount",      "fulltime_share", "avg_position_size",
                                       "sick_leave_pct", "turnover",       "pay_ratio_women_men"};

std::vector<core::Period> LastYears(const Snapshot& snap, const core::Period& period, int n) {
  std::vector<core::Period> out;
  for (const core::Period& y : snap.Years()) {
    if (y <= period) out.push_back(y);
  }
  if (static_cast<int>(out.size()) > n) out.erase(out.begin(), out.end() - n);
  return out;
}

std::string Spark(FigureBook& book, const std::string& key, int unit,
                  const std::vector<core::Period>& years, const std::string& caption) {
  Chart chart;
  chart.kind = "spark";
  chart.key = key;
  chart.caption = caption;
  ChartSeries series;
  series.name = "Verdi";
  for (const core::Period& y : years) {
    chart.x.push_back(y.ToString());
    series.cells.push_back(book.Get(key, unit, y));
  }
  chart.series.push_back(std::move(series));
  return RenderChart(chart);
}

struct TreeInput {
  const StoredPolicy* policy;
  std::map<std::string, const policy::GoalResult*> goals;
  FigureBook* book;
  core::Period period;
  std::vector<core::Period> years;
};

void RenderNodes(const std::vector<policy::Node>& nodes, const TreeInput& in, std::string& out) {
  out += "<ol class=\"policy-tree\">";
  for (const policy::Node& n : nodes) {
    out += "<li class=\"node\"><span class=\"node-kind\">" + Escape(n.kind) + "</span> ";
    auto g = in.goals.find(n.id);
    std::string href = "/mal/" + UrlEncode(in.policy->policy.id) + "/" + UrlEncode(n.id) +
                       "?periode=" + in.period.ToString();
    if (g != in.goals.end()) {
      out += "<a class=\"node-title\" href=\"" + Escape(href) + "\">" + Escape(n.title) + "</a> ";
      out += "<span class=\"node-status\">" + StatusBadge(g->second->status) + "</span>";
      if (!g->second->targets.empty()) {
        out += "<ul class=\"node-figures\">";
        for (const policy::TargetResult& t : g->second->targets) {
          const metrics::MeasureCube& cube = in.book->cube();
          int unit = cube.FindUnit(t.unit);
          out += "<li>" + Escape(IndicatorLabel(t.link.key));
          if (unit > 0) out += " (" + Escape(cube.units()[static_cast<size_t>(unit)].name) + ")";
          out += ": <strong>" +
                 CellText(unit >= 0 ? in.book->Get(t.link.key, unit, in.period) : nullptr,
                          t.link.key) +
                 "</strong> ";
          if (unit >= 0) {
            out += Spark(*in.book, t.link.key, unit, in.years,
                         "Utvikling for " + IndicatorLabel(t.link.key));
          }
          if (!t.rule.empty()) out += " <span class=\"muted\">" + Escape(t.rule) + "</span>";
          out += "</li>";
        }
        out += "</ul>";
      }
    } else {
      out += "<span class=\"node-title\">" + Escape(n.title) + "</span>";
    }
    if (!n.children.empty()) RenderNodes(n.children, in, out);
    out += "</li>";
  }
  out += "</ol>";
}

std::string RenderOverview(Context& ctx, const StoredPolicy* stored, const core::Period& period) {
  const Snapshot& snap = ctx.snapshot();
  const metrics::MeasureCube& cube = *snap.cube;
  FigureBook book(cube, ctx.audience());
  std::vector<core::Period> years = LastYears(snap, period, 5);
  std::string b;

  std::vector<policy::GoalResult> goals;
  if (stored != nullptr) {
    policy::EvaluationInput in;
    in.cube = &cube;
    in.reference = &snap.reference;
    in.audience = ctx.audience();
    goals = policy::Evaluate(stored->policy, period, in);
  }
  int counts[5] = {0, 0, 0, 0, 0};
  for (const policy::GoalResult& g : goals) ++counts[static_cast<int>(g.status)];

  b += "<section aria-labelledby=\"status-heading\"><h2 id=\"status-heading\">Status for målene, " +
       Escape(PeriodLabel(period.ToString())) + "</h2>";
  if (stored == nullptr) {
    b += "<p class=\"notice notice-info\">Ingen arbeidsgiverpolitikk er lastet inn ennå. En "
         "administrator kan laste inn en mal under <a href=\"/policy\">Policy</a>.</p>";
  } else {
    b += "<ul class=\"status-summary\">";
    const policy::GoalStatus order[] = {policy::GoalStatus::kMet, policy::GoalStatus::kOnTrack,
                                        policy::GoalStatus::kOffTrack, policy::GoalStatus::kNoData,
                                        policy::GoalStatus::kNoTarget};
    for (policy::GoalStatus s : order) {
      b += "<li><span class=\"count\">" + std::to_string(counts[static_cast<int>(s)]) + "</span> " +
           StatusBadge(s) + "</li>";
    }
    b += "</ul></section>";
  }

  b += "<section aria-labelledby=\"key-heading\"><h2 id=\"key-heading\">Nøkkeltall for " +
       Escape(cube.units()[0].name) + "</h2><ul class=\"cards\">";
  for (const char* key : kKeyFigures) {
    const metrics::Cell* cell = book.Get(key, 0, period);
    b += "<li class=\"card\"><h3><a href=\"/indikatorer/" + std::string(key) +
         "?periode=" + period.ToString() + "\">" + Escape(IndicatorLabel(key)) +
         "</a></h3><p class=\"figure-value\">" + CellText(cell, key) + "</p>";
    b += Spark(book, key, 0, years, "Utvikling for " + IndicatorLabel(key));
    if (const metrics::ReferenceFigure* ref = snap.reference.Find(key, period.ToString())) {
      b += "<p class=\"figure-sub\">Landet: " + Num(ref->value, IndicatorDecimals(key)) +
           (IndicatorUnit(key) == "%" ? "&nbsp;%" : "") + " (" + std::to_string(ref->year) + ", " +
           Escape(ref->source.substr(0, ref->source.find(','))) + ")</p>";
    }
    b += "</li>";
  }
  b += "</ul></section>";

  if (stored != nullptr) {
    TreeInput in{stored, {}, &book, period, years};
    for (const policy::GoalResult& g : goals) in.goals[g.node->id] = &g;
    b += "<section aria-labelledby=\"tree-heading\"><h2 id=\"tree-heading\">" +
         Escape(stored->policy.title) + "</h2><p class=\"muted\">" +
         Escape(stored->policy.organisation) + ", vedtatt av " + Escape(stored->policy.adopted.by) +
         " " + Escape(DateLabel(stored->policy.adopted.date)) + ". Gyldig " +
         Escape(DateLabel(stored->policy.valid.from)) + " – " +
         Escape(stored->policy.valid.to.empty() ? std::string("inntil videre")
                                                : DateLabel(stored->policy.valid.to)) +
         ".</p>";
    RenderNodes(stored->policy.nodes, in, b);
    b += "</section>";
  }
  return b;
}

}  // namespace

void ShowOverview(Context& ctx, Response& res) {
  const Snapshot& snap = ctx.snapshot();
  Page page;
  page.title = "Oversikt";
  page.nav = "oversikt";
  auto period = ctx.period();
  if (!snap.cube || !period) {
    page.body = "<p class=\"notice notice-info\">Det finnes ingen beregnede tall ennå. " +
                std::string(ctx.is_admin() ? "Importer data under <a href=\"/import\">Import</a>."
                                           : "En administrator må importere data først.") +
                "</p>";
    SendPage(ctx, res, page);
    return;
  }
  const StoredPolicy* stored = ctx.param("policy").empty()
                                   ? snap.DefaultPolicy(period->count_date())
                                   : snap.FindPolicy(ctx.param("policy"));
  if (stored == nullptr && !ctx.param("policy").empty()) {
    SendError(ctx, res, 404, "Fant ingen arbeidsgiverpolitikk med denne id-en.");
    return;
  }
  // The choice of policy and period, for people and for the cache key.
  std::string picker = "<form class=\"period-picker\" method=\"get\" action=\"/\">";
  if (snap.policies.size() > 1 && stored != nullptr) {
    picker +=
        "<span class=\"pick pick-wide\"><label for=\"policy\">Policy</label> <select "
        "id=\"policy\" name=\"policy\">";
    for (const StoredPolicy& p : snap.policies) {
      picker += "<option value=\"" + Escape(p.policy.id) + "\"" +
                (&p == stored ? " selected" : "") + ">" + Escape(p.policy.title) + "</option>";
    }
    picker += "</select></span> ";
  }
  picker +=
      "<span class=\"pick\"><label for=\"periode\">Periode</label> <select id=\"periode\" "
      "name=\"periode\">";
  std::vector<core::Period> years = snap.Years();
  for (auto it = years.rbegin(); it != years.rend(); ++it) {
    picker += "<option value=\"" + it->ToString() + "\"" + (*it == *period ? " selected" : "") +
              ">" + it->ToString() + "</option>";
  }
  picker += "</select></span> <button type=\"submit\" class=\"secondary\">Vis</button></form>";
  std::string key = "overview|" + (stored ? stored->policy.id : "") + "|" + period->ToString() +
                    "|" + ctx.audience_key();
  std::shared_ptr<const std::string> figures = snap.Cached(
      key, [&] { return AccessibleTables(picker + RenderOverview(ctx, stored, *period)); });
  // What is overdue today in the viewer's scope (DESIGN §10.3): the viewer's own, not cached.
  page.body = FollowupSummary(ctx, stored) + *figures;
  SendPage(ctx, res, page);
}

}  // namespace agp::web
