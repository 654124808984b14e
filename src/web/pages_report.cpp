// Rapporter: the annual evaluation report (src/report/) generated on request for the signed-in
// user's audience — HR and leaders see what they see on the pages, union representatives and
// viewers the suppressed figures — and downloaded as HTML, PDF or XLSX.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "report/report.h"
#include "web/downloads.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/print_queue.h"
#include "web/widgets.h"

namespace agp::web {

namespace {

namespace fs = std::filesystem;

struct Format {
  const char* key;
  const char* label;
  const char* hint;
  const char* mime;
};

constexpr Format kFormats[] = {
    {"html", "Nettside (HTML)", "én fil med diagrammene; åpnes i nettleseren og skrives ut på A4",
     "text/html; charset=utf-8"},
    {"pdf", "PDF", "med sidetall og innholdsfortegnelse, for utsending til kommunestyret og AMU",
     "application/pdf"},
    {"xlsx", "Regneark (XLSX)", "måloppnåelse, tallene per område og alle indikatorverdier",
     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
};

report::Audience AudienceOf(core::Role role) {
  switch (role) {
    case core::Role::kAdmin:
      return report::Audience::kAdmin;
    case core::Role::kLeader:
      return report::Audience::kLeader;
    case core::Role::kUnion:
      return report::Audience::kUnion;
    case core::Role::kViewer:
      return report::Audience::kPublic;
  }
  return report::Audience::kPublic;
}

// Units offered in the form: the whole organisation and the two levels below it.
std::vector<std::pair<int, int>> OfferedUnits(const metrics::MeasureCube& cube) {
  std::vector<std::pair<int, int>> out;  // (unit, depth)
  std::function<void(int, int)> walk = [&](int u, int depth) {
    out.emplace_back(u, depth);
    if (depth >= 2) return;
    for (int c : cube.ChildUnits(u)) walk(c, depth + 1);
  };
  for (int root : cube.ChildUnits(-1)) walk(root, 0);
  return out;
}

}  // namespace

void ShowReports(Context& ctx, Response& res) {
  Page page;
  page.title = "Rapporter";
  page.nav = "rapporter";
  std::string& b = page.body;
  const Snapshot& snap = ctx.snapshot();
  const report::Audience audience = AudienceOf(ctx.viewer().role);
  b += "<p class=\"lead\">Årsrapporten om arbeidsgiverpolitikken: status for hvert mål med regelen "
       "som avgjorde den, utviklingen de siste fem årene mot målet og landet, tallene per enhet, "
       "tiltakene og vurderingene, og et metodevedlegg med definisjonene og kildene.</p>";
  b += "<p>Rapporten lages av de samme tallene som sidene, for det du har tilgang til: <strong>" +
       Escape(report::AudienceLabel(audience)) + "</strong>.</p>";
  if (!snap.cube) {
    b +=
        "<p class=\"notice notice-warning\">Det finnes ingen beregnede tall ennå, så ingen rapport "
        "kan lages. Importer data først.</p>";
    return SendPage(ctx, res, page);
  }
  if (snap.policies.empty()) {
    b += "<p class=\"notice notice-warning\">Ingen arbeidsgiverpolitikk er lastet. Last en mal "
         "under "
         "<a href=\"/policy\">Policy</a>.</p>";
    return SendPage(ctx, res, page);
  }
  const core::Date today = ctx.clock().Today();
  const std::optional<core::Period> year = snap.DefaultYear(today);
  const StoredPolicy* chosen = snap.DefaultPolicy(today);
  b += "<form class=\"stack\" method=\"get\" action=\"/rapporter/fil\">";
  b += "<div class=\"field\"><label for=\"r-policy\">Arbeidsgiverpolitikk</label><select "
       "id=\"r-policy\" "
       "name=\"policy\">";
  for (const StoredPolicy& p : snap.policies) {
    b += "<option value=\"" + Escape(p.policy.id) + "\"" + (&p == chosen ? " selected" : "") + ">" +
         Escape(p.policy.title) + " (" + Escape(p.policy.id) + ")</option>";
  }
  b += "</select></div>";
  b += "<div class=\"field\"><label for=\"r-periode\">År</label><select id=\"r-periode\" "
       "name=\"periode\">";
  for (const core::Period& y : snap.Years()) {
    b += "<option" + std::string(year && *year == y ? " selected" : "") + ">" + y.ToString() +
         "</option>";
  }
  b += "</select></div>";
  b += "<div class=\"field\"><label for=\"r-enhet\">Enhet</label><select id=\"r-enhet\" "
       "name=\"enhet\">";
  const metrics::MeasureCube& cube = *snap.cube;
  for (const auto& [u, depth] : OfferedUnits(cube)) {
    const metrics::CubeUnit& unit = cube.units()[static_cast<size_t>(u)];
    std::string indent;
    for (int d = 0; d < depth; ++d) indent += "\u00a0\u00a0\u00a0";
    b += "<option value=\"" + (unit.parent < 0 ? std::string() : Escape(unit.key)) + "\">" +
         indent + Escape(unit.name) + (unit.parent < 0 ? " (hele organisasjonen)" : "") +
         "</option>";
  }
  b += "</select></div>";
  b += "<fieldset><legend>Format</legend>";
  for (const Format& f : kFormats) {
    const std::string id = std::string("r-format-") + f.key;
    b += "<div class=\"choice\"><input type=\"radio\" name=\"format\" id=\"" + id + "\" value=\"" +
         f.key + "\"" + (std::string(f.key) == "pdf" ? " checked" : "") + " aria-describedby=\"" +
         id + "-hint\"> <label for=\"" + id + "\">" + f.label + "</label><p class=\"hint\" id=\"" +
         id + "-hint\">" + f.hint + "</p></div>";
  }
  b += "</fieldset><p><button type=\"submit\" class=\"primary\">Last ned "
       "rapporten</button></p></form>";
  b += "<p class=\"muted\">En PDF tar noen sekunder: den skrives ut to ganger for å få sidetallene "
       "i innholdsfortegnelsen.</p>";
  SendPage(ctx, res, page);
}

void DownloadReport(Context& ctx, Response& res) {
  const Snapshot& snap = ctx.snapshot();
  if (!snap.cube) return SendError(ctx, res, 404, "Det finnes ingen beregnede tall ennå.");
  const Format* format = nullptr;
  for (const Format& f : kFormats) {
    if (ctx.param("format") == f.key) format = &f;
  }
  if (format == nullptr) {
    return SendError(ctx, res, 400, "Velg format: HTML, PDF eller XLSX.");
  }
  const StoredPolicy* stored = snap.FindPolicy(ctx.param("policy"));
  if (stored == nullptr) {
    return SendError(ctx, res, 404, "Fant ingen arbeidsgiverpolitikk med denne id-en.");
  }
  const std::optional<core::Period> period = core::Period::Parse(ctx.param("periode"));
  if (!period || snap.cube->FindPeriod(*period) < 0) {
    return SendError(ctx, res, 404, "Det finnes ingen tall for denne perioden.");
  }
  const std::string unit = ctx.param("enhet");
  if (!unit.empty() && snap.cube->FindUnit(unit) < 0) {
    return SendError(ctx, res, 404, "Fant ingen enhet med denne id-en.");
  }

  // The measures' execution as it stands today (DESIGN §10.3); units are named from the cube.
  store::Database* db = ctx.db();
  if (db == nullptr) return SendError(ctx, res, 503, "Databasen kunne ikke leses nå.");
  auto measures =
      followup::LoadMeasures(*db, stored->policy, core::Workforce{}, ctx.clock().Today());
  if (!measures.ok()) return SendError(ctx, res, 503, "Tiltakene kunne ikke leses nå.");
  report::ReportInput in;
  in.measures = &*measures;
  in.policy = &stored->policy;
  in.policy_version = stored->version.version;
  in.assessments = &stored->assessments;
  in.cube = snap.cube.get();
  in.reference = &snap.reference;
  in.audience = ctx.audience();
  in.audience_kind = AudienceOf(ctx.viewer().role);
  in.min_group = ctx.services().options.min_group;
  in.period = *period;
  in.unit = unit;
  in.generated_on = ctx.clock().Today().ToIso();
  if (snap.last_import) {
    in.data_version = snap.last_import->data_version;
    in.imported_at = snap.last_import->imported_at;
    in.imported_from = fs::path(snap.last_import->source).filename().string();
  }
  auto built = report::BuildReport(in);
  if (!built.ok()) return SendError(ctx, res, 400, built.error().message());

  const std::string name = "arbeidsgiverpolitikk-" + stored->policy.id + "-" + period->ToString() +
                           (unit.empty() ? "" : "-" + unit) + "." + format->key;
  std::string bytes;
  if (std::string(format->key) == "html") {
    bytes = report::RenderHtml(*built);
  } else {
    std::optional<PrintQueue::Turn> turn;
    if (std::string(format->key) == "pdf") {
      turn = Printer(ctx).Enter();
      if (!turn) {
        const int wait = Printer(ctx).RetryAfterSeconds();
        res.set_header("Retry-After", std::to_string(wait));
        return SendError(ctx, res, 503,
                         "Flere PDF-rapporter lages akkurat nå. Prøv igjen om " +
                             std::to_string(wait) +
                             " sekunder, eller last ned HTML-utgaven, som har det samme "
                             "innholdet og kommer med en gang.",
                         "Prøv igjen om litt");
      }
    }
    auto written =
        BytesWrittenBy(std::string("rapport.") + format->key,
                       [&](const std::string& path) { return report::WriteReport(*built, path); });
    turn.reset();
    if (SentWriteError(ctx, res, written, "Rapporten kunne ikke lages.")) return;
    bytes = std::move(written).value();
  }
  res.set_header("Content-Disposition", AttachmentDisposition(name));
  res.set_header("Cache-Control", "no-store");
  res.set_content(std::move(bytes), format->mime);
}

}  // namespace agp::web
