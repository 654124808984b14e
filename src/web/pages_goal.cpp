// Mål: one goal of the policy — its indicators over the years with the target drawn in, the
// breakdown by unit, the national reference, its measures in execution (pages_measures.cpp), and
// the human assessments with their history (admins add new ones; the earlier stay).
#include "metrics/indicator.h"
#include "policy/evaluation.h"
#include "policy/policy_store.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/policy_edit.h"
#include "web/widgets.h"

namespace agp::web {

namespace {

std::string RenderGoal(Context& ctx, const StoredPolicy& stored, const policy::Node& node,
                       const core::Period& period) {
  const Snapshot& snap = ctx.snapshot();
  const metrics::MeasureCube& cube = *snap.cube;
  FigureBook book(cube, ctx.audience());
  policy::EvaluationInput in;
  in.cube = &cube;
  in.reference = &snap.reference;
  in.audience = ctx.audience();
  std::vector<policy::GoalResult> goals = policy::Evaluate(stored.policy, period, in);
  const policy::GoalResult* goal = nullptr;
  for (const policy::GoalResult& g : goals) {
    if (g.node == nullptr || g.node->id != node.id) continue;
    goal = &g;
  }
  std::string b;
  b += "<p><span class=\"node-kind\">" + Escape(node.kind) + "</span> i <a href=\"/policy/" +
       UrlEncode(stored.policy.id) + "\">" + Escape(stored.policy.title) + "</a></p>";
  b += PeriodPicker(snap.Years(), period,
                    "/mal/" + UrlEncode(stored.policy.id) + "/" + UrlEncode(node.id));
  if (goal != nullptr) {
    b += "<p class=\"lead\">Status " + Escape(PeriodLabel(period.ToString())) + ": " +
         StatusBadge(goal->status) + "</p>";
  }
  if (!node.text.empty()) {
    b += "<div class=\"node-text\">";
    size_t at = 0;
    while (at < node.text.size()) {
      size_t end = node.text.find("\n\n", at);
      std::string para =
          node.text.substr(at, end == std::string::npos ? std::string::npos : end - at);
      if (para.find_first_not_of(" \n") != std::string::npos) b += "<p>" + Escape(para) + "</p>";
      if (end == std::string::npos) break;
      at = end + 2;
    }
    b += "</div>";
  }
  std::vector<core::Period> years = snap.Years();
  if (node.indicators.empty()) {
    b += "<p class=\"notice notice-warning\">Målet har ingen indikator, så ingen kan se om det "
         "nås. Legg til en indikator med mål under <a href=\"/policy/" +
         UrlEncode(stored.policy.id) + "\">Policy</a>.</p>";
  }
  for (size_t i = 0; i < node.indicators.size(); ++i) {
    const policy::IndicatorLink& link = node.indicators[i];
    const policy::TargetResult* tr =
        goal != nullptr && i < goal->targets.size() ? &goal->targets[i] : nullptr;
    int unit = cube.FindUnit(tr != nullptr ? tr->unit : link.scope);
    if (unit < 0) unit = 0;
    const std::string& key = link.key;
    b += "<section class=\"indicator\"><h2>" + Escape(IndicatorLabel(key)) + ", " +
         Escape(cube.units()[static_cast<size_t>(unit)].name) + "</h2>";
    b += "<dl class=\"facts\"><dt>Mål</dt><dd>" +
         (link.target ? Escape(TargetWords(*link.target, key)) : std::string("ingen mål satt")) +
         "</dd><dt>" + Escape(PeriodLabel(period.ToString())) + "</dt><dd>" +
         CellText(book.Get(key, unit, period), key) + "</dd>";
    if (tr != nullptr) {
      b += "<dt>Status</dt><dd>" + StatusBadge(tr->status);
      if (!tr->rule.empty()) b += " <span class=\"muted\">" + Escape(tr->rule) + "</span>";
      b += "</dd>";
    }
    b += "</dl>";
    Chart chart;
    chart.key = key;
    chart.caption =
        IndicatorLabel(key) + " per år, " + cube.units()[static_cast<size_t>(unit)].name;
    if (link.target && (link.target->rule == policy::TargetRule::kAtLeast ||
                        link.target->rule == policy::TargetRule::kAtMost)) {
      chart.target = link.target->value;
      chart.target_label = "Mål: " + TargetWords(*link.target, key);
    }
    ChartSeries mine{cube.units()[static_cast<size_t>(unit)].name, {}, {}};
    ChartSeries nation{"Landet", {}, {}};
    bool any_nation = false;
    for (const core::Period& y : years) {
      chart.x.push_back(y.ToString());
      mine.cells.push_back(book.Get(key, unit, y));
      const metrics::ReferenceFigure* ref = snap.reference.Find(key, y.ToString());
      bool same_year = ref != nullptr && ref->year == y.year();
      nation.plain.push_back(same_year ? std::optional<double>(ref->value) : std::nullopt);
      any_nation = any_nation || same_year;
    }
    chart.series.push_back(std::move(mine));
    if (any_nation) chart.series.push_back(std::move(nation));
    b += RenderChart(chart);

    std::vector<int> kids = cube.ChildUnits(unit);
    if (!kids.empty()) {
      Chart bars;
      bars.kind = "bar";
      bars.key = key;
      bars.caption = IndicatorLabel(key) + " per enhet under " +
                     cube.units()[static_cast<size_t>(unit)].name + ", " +
                     PeriodLabel(period.ToString());
      bars.target = chart.target;
      bars.target_label = chart.target_label;
      ChartSeries values{PeriodLabel(period.ToString()), {}, {}};
      for (int c : kids) {
        bars.x.push_back(cube.units()[static_cast<size_t>(c)].name);
        bars.x_links.push_back("/enheter/" + UrlEncode(cube.units()[static_cast<size_t>(c)].key) +
                               "?periode=" + period.ToString());
        values.cells.push_back(book.Get(key, c, period));
      }
      bars.series.push_back(std::move(values));
      b += RenderChart(bars);
    }
    b += "<p><a href=\"/indikatorer/" + UrlEncode(key.substr(0, key.find(':'))) +
         "?periode=" + period.ToString() +
         "\">Definisjon og tall for alle enheter</a></p></section>";
  }

  return b;
}

std::string RenderAssessments(Context& ctx, const StoredPolicy& stored, const policy::Node& node,
                              const core::Period& period, const std::string& error) {
  std::string b = "<h2 id=\"vurderinger\">Vurderinger</h2>";
  std::vector<const store::AssessmentRecord*> mine;
  for (const store::AssessmentRecord& a : stored.assessments) {
    if (a.node_id == node.id) mine.push_back(&a);
  }
  if (mine.empty()) {
    b += "<p class=\"muted\">Ingen har vurdert dette målet ennå.</p>";
  } else {
    b += "<div class=\"table-wrap\"><table class=\"data\"><caption>Vurderinger, nyeste først "
         "(den nyeste for en periode gjelder)</caption><thead><tr><th scope=\"col\">Periode</th>"
         "<th scope=\"col\">Vurdering</th><th scope=\"col\">Begrunnelse</th><th scope=\"col\">"
         "Av</th><th scope=\"col\">Dato</th></tr></thead><tbody>";
    for (auto it = mine.rbegin(); it != mine.rend(); ++it) {
      const store::AssessmentRecord& a = **it;
      const store::AssessmentRecord* current =
          policy::CurrentAssessment(stored.assessments, a.node_id, a.period);
      b += std::string("<tr") + (current == &a ? " class=\"current\"" : "") + "><td>" +
           Escape(a.period) + "</td><td>" + VerdictBadge(a.verdict) +
           (current == &a ? "" : " <span class=\"muted\">(erstattet)</span>") + "</td><td>" +
           Escape(a.narrative) + "</td><td>" + Escape(a.assessed_by) + "</td><td>" +
           Escape(DateLabel(a.assessed_on)) + "</td></tr>";
    }
    b += "</tbody></table></div>";
  }
  if (!ctx.is_admin()) return b;
  b += "<h3>Ny vurdering</h3>";
  if (!error.empty())
    b += "<p class=\"notice notice-error\" role=\"alert\">" + Escape(error) + "</p>";
  b += "<form class=\"stack\" method=\"post\" action=\"/mal/" + UrlEncode(stored.policy.id) + "/" +
       UrlEncode(node.id) + "/vurdering\">" + CsrfField(ctx);
  b += "<div class=\"field\"><label for=\"vurdering-periode\">Periode</label><input type=\"text\" "
       "id=\"vurdering-periode\" name=\"periode\" required pattern=\"[0-9]{4}.*\" value=\"" +
       Escape(period.ToString()) + "\"></div>";
  b += "<div class=\"field\"><label for=\"vurdering\">Vurdering</label><select id=\"vurdering\" "
       "name=\"vurdering\"><option value=\"lykkes\">Lyktes</option><option value=\"delvis\">"
       "Delvis</option><option value=\"ikke\">Ikke lyktes</option></select></div>";
  b += "<div class=\"field\"><label for=\"begrunnelse\">Begrunnelse</label><textarea "
       "id=\"begrunnelse\" name=\"begrunnelse\" rows=\"4\" required></textarea></div>";
  b += "<div class=\"field\"><label for=\"av\">Vurdert av</label><input type=\"text\" id=\"av\" "
       "name=\"av\" value=\"" +
       Escape(ctx.session()->user) + "\" required></div>";
  b += "<div class=\"actions\"><button type=\"submit\" class=\"primary\">Lagre vurderingen</button>"
       "</div></form>";
  return b;
}

void GoalPage(Context& ctx, Response& res, const std::string& error) {
  const Snapshot& snap = ctx.snapshot();
  const StoredPolicy* stored = snap.FindPolicy(ctx.match(1));
  const policy::Node* node =
      stored ? policy::FindNode(stored->policy.nodes, ctx.match(2)) : nullptr;
  if (node == nullptr) return SendError(ctx, res, 404, "Fant ikke dette målet.");
  auto period = ctx.period();
  if (!snap.cube || !period)
    return SendError(ctx, res, 404, "Det finnes ingen beregnede tall ennå.");
  Page page;
  page.title = node->title;
  page.nav = "oversikt";
  page.status = error.empty() ? 200 : 400;
  page.breadcrumbs.push_back({"Oversikt", "/?policy=" + UrlEncode(stored->policy.id)});
  std::string key = "goal|" + stored->policy.id + "|" + node->id + "|" + period->ToString() + "|" +
                    ctx.audience_key();
  std::shared_ptr<const std::string> main =
      snap.Cached(key, [&] { return AccessibleTables(RenderGoal(ctx, *stored, *node, *period)); });
  // The measures' execution changes with every report of progress and is the viewer's to edit:
  // rendered for each request, outside the cached figures.
  page.body = *main + MeasuresOfGoal(ctx, *stored, *node) +
              RenderAssessments(ctx, *stored, *node, *period, error);
  SendPage(ctx, res, page);
}

}  // namespace

void ShowGoal(Context& ctx, Response& res) { GoalPage(ctx, res, ""); }

void AddAssessment(Context& ctx, Response& res) {
  const Snapshot& snap = ctx.snapshot();
  const StoredPolicy* stored = snap.FindPolicy(ctx.match(1));
  const policy::Node* node =
      stored ? policy::FindNode(stored->policy.nodes, ctx.match(2)) : nullptr;
  if (node == nullptr) return SendError(ctx, res, 404, "Fant ikke dette målet.");
  policy::Assessment a;
  a.node = node->id;
  a.period = ctx.param("periode");
  a.verdict = ctx.param("vurdering");
  a.narrative = ctx.param("begrunnelse");
  a.by = ctx.param("av");
  if (!core::Period::Parse(a.period)) {
    return GoalPage(ctx, res,
                    "Perioden må være et år (2025), en måned (2025-03), et tertial "
                    "(2025-T1) eller et kvartal (2025-Q1).");
  }
  if (a.verdict != "lykkes" && a.verdict != "delvis" && a.verdict != "ikke") {
    return GoalPage(ctx, res, "Velg lyktes, delvis eller ikke lyktes.");
  }
  if (a.narrative.find_first_not_of(" \r\n\t") == std::string::npos) {
    return GoalPage(ctx, res, "Skriv en begrunnelse for vurderingen.");
  }
  if (a.by.empty()) a.by = ctx.session()->user;
  store::Database* db = ctx.db();
  if (db == nullptr) return SendError(ctx, res, 503, "Databasen kunne ikke leses nå.");
  if (auto s = policy::RecordAssessment(*db, stored->policy.id, a, ctx.clock()); !s.ok()) {
    return GoalPage(ctx, res, s.error().message());
  }
  ctx.AuditObject(stored->policy.id + "/" + node->id, a.period + ": " + a.verdict);
  SendRedirect(res, "/mal/" + UrlEncode(stored->policy.id) + "/" + UrlEncode(node->id) +
                        "?periode=" + UrlEncode(a.period) + "#vurderinger");
}

}  // namespace agp::web
