// Tiltak (DESIGN §10.3): the policy's measures in execution — every measure with its status, the
// unit that carries it out, its due date and whether it is overdue, per unit; one measure's page
// with its progress notes and evidence; the forms with which leaders (their own units) and HR
// (all) report progress, attach evidence and add local measures to a goal. Who may change what
// is decided in followup/measures.h; the router writes every change to the audit log.
#include <algorithm>
#include <charconv>
#include <string>

#include "followup/measures.h"
#include "followup/tasks.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/widgets.h"

namespace agp::web {
namespace {

using followup::MeasureState;
using followup::MeasureStatus;

std::string Href(const MeasureState& m) {
  return "/tiltak/" + UrlEncode(m.policy_key) + "/" + UrlEncode(m.key);
}

std::string GoalHref(const MeasureState& m) {
  return "/mal/" + UrlEncode(m.policy_key) + "/" + UrlEncode(m.node_id);
}

std::string Badge(const MeasureState& m) {
  const char* tone = "no_data";
  switch (m.status) {
    case MeasureStatus::kDone:
      tone = "met";
      break;
    case MeasureStatus::kOngoing:
      tone = "on_track";
      break;
    case MeasureStatus::kPostponed:
      tone = "off_track";
      break;
    case MeasureStatus::kPlanned:
    case MeasureStatus::kCancelled:
      break;
  }
  std::string b = std::string("<span class=\"status status-") + tone + "\">" +
                  std::string(followup::StatusLabel(m.status)) + "</span>";
  if (m.overdue) b += " <span class=\"status status-off_track\">Forfalt</span>";
  return b;
}

std::string UnitCell(const core::Workforce& w, const MeasureState& m) {
  if (m.unit >= 0) {
    const core::Unit& u = w.units[static_cast<size_t>(m.unit)];
    return "<a href=\"/enheter/" + UrlEncode(u.key) + "\">" + Escape(u.name) + "</a>";
  }
  if (!m.unit_key.empty()) {
    return Escape(m.unit_key) + " <span class=\"muted\">(finnes ikke i dataene)</span>";
  }
  return "<span class=\"muted\">ikke satt</span>";
}

std::string Muted(const std::string& text) { return "<span class=\"muted\">" + text + "</span>"; }

// The units the viewer may give a measure to, as <option>s: admins every unit, leaders the
// subtrees of their own units.
// (followup::MayUseUnit decides the same for one unit; this is linear in the units.)
std::string UnitOptions(const core::Workforce& w, const metrics::Viewer& viewer,
                        const std::string& selected) {
  if (viewer.role != core::Role::kAdmin && viewer.role != core::Role::kLeader) return "";
  auto own = followup::VisibleUnits(w, viewer, "");  // empty for admins: every unit
  if (!own.ok()) return "";
  std::string out;
  for (size_t i = 0; i < w.units.size(); ++i) {
    if (!followup::InAnySubtree(w, static_cast<int32_t>(i), *own)) continue;
    const core::Unit& u = w.units[i];
    out += "<option value=\"" + Escape(u.key) + "\"" + (u.key == selected ? " selected" : "") +
           ">" + Escape(u.name) + "</option>";
  }
  return out;
}

// The policy the dashboard shows when none is asked for: the one in force at the end of the
// period on view (the newest complete year), so that the dashboard, Tiltak and Mine oppgaver
// count the same measures.
const StoredPolicy* PolicyInView(const Context& ctx) {
  const Snapshot& snap = ctx.snapshot();
  const std::optional<core::Period> period = ctx.period();
  return snap.DefaultPolicy(period ? period->count_date() : ctx.clock().Today());
}

// What the handlers below need: the policy of the path, the records and the measures.
struct Loaded {
  const StoredPolicy* stored = nullptr;
  std::shared_ptr<const FollowupData> data;
  followup::MeasureBook book;
};

// The records and the measures of `stored` as they stand today; false when they cannot be read.
bool ReadBook(Context& ctx, const StoredPolicy& stored, Loaded* out) {
  store::Database* db = ctx.db();
  if (db == nullptr || !ctx.has_snapshot()) return false;
  auto data = ctx.snapshot().Followup(*db);
  if (!data.ok()) return false;
  auto book = followup::LoadMeasures(*db, stored.policy, (*data)->workforce, ctx.clock().Today());
  if (!book.ok()) return false;
  out->stored = &stored;
  out->data = *data;
  out->book = std::move(book).value();
  return true;
}

// The policy `policy_key` (or, when empty, the one in view) with its measures; false after
// sending the error page.
bool Load(Context& ctx, Response& res, const std::string& policy_key, Loaded* out) {
  if (!ctx.has_snapshot()) {
    SendError(ctx, res, 503, "Databasen kunne ikke leses nå.");
    return false;
  }
  const StoredPolicy* stored =
      policy_key.empty() ? PolicyInView(ctx) : ctx.snapshot().FindPolicy(policy_key);
  if (stored == nullptr) {
    SendError(ctx, res, 404,
              policy_key.empty() ? "Ingen arbeidsgiverpolitikk er lastet inn ennå."
                                 : "Fant ingen arbeidsgiverpolitikk med denne id-en.");
    return false;
  }
  if (!ReadBook(ctx, *stored, out)) {
    SendError(ctx, res, 503, "Tiltakene kunne ikke leses nå.");
    return false;
  }
  return true;
}

void SendFollowupError(Context& ctx, Response& res, const core::Error& e) {
  switch (e.code()) {
    case core::ErrorCode::kForbidden:
      return SendError(ctx, res, 403, "Du har ikke lov: " + e.message() + ".");
    case core::ErrorCode::kNotFound:
      return SendError(ctx, res, 404, "Fant ikke det du ba om: " + e.message() + ".");
    case core::ErrorCode::kInvalidInput:
      return SendError(ctx, res, 400, "Endringen ble ikke lagret: " + e.message() + ".");
    default:
      return SendError(ctx, res, 503, "Endringen kunne ikke lagres nå. Prøv igjen.");
  }
}

// The table of measures, each linked to its page.
std::string MeasureTable(const core::Workforce& w, const std::vector<const MeasureState*>& rows,
                         const std::string& caption, bool with_goal) {
  std::string b = "<div class=\"table-wrap\"><table class=\"data\"><caption>" + caption + " (" +
                  std::to_string(rows.size()) +
                  ")</caption><thead><tr><th scope=\"col\">Tiltak</th>" +
                  (with_goal ? "<th scope=\"col\">Mål</th>" : "") +
                  "<th scope=\"col\">Ansvarlig enhet</th><th scope=\"col\">Frist</th>"
                  "<th scope=\"col\">Status</th><th scope=\"col\">Sist oppdatert</th></tr></thead>"
                  "<tbody>";
  for (const MeasureState* m : rows) {
    b += "<tr data-measure=\"" + Escape(m->key) + "\" data-status=\"" +
         std::string(followup::StatusKey(m->status)) + "\"" +
         (m->overdue ? " data-overdue=\"1\"" : "") + "><th scope=\"row\"><a href=\"" + Href(*m) +
         "\">" + Escape(m->title) + "</a>" + (m->local ? " " + Muted("(lokalt tiltak)") : "") +
         "</th>";
    if (with_goal) {
      b += "<td><a href=\"" + GoalHref(*m) + "\">" + Escape(m->node_title) + "</a></td>";
    }
    b += "<td>" + UnitCell(w, *m) + "</td><td>" +
         (m->due.empty() ? Muted("ikke satt") : Escape(DateLabel(m->due))) + "</td><td>" +
         Badge(*m) + "</td><td>" +
         (m->updated_on.empty() ? Muted("aldri") : Escape(DateLabel(m->updated_on))) + "</td></tr>";
  }
  if (rows.empty()) {
    b += "<tr><td colspan=\"" + std::to_string(with_goal ? 6 : 5) + "\">Ingen.</td></tr>";
  }
  b += "</tbody></table></div>";
  return b;
}

std::string UpdateForm(const Context& ctx, const core::Workforce& w, const MeasureState& m) {
  const metrics::Viewer viewer = ctx.viewer();
  const std::string today = ctx.clock().Today().ToIso();
  std::string b =
      "<h2 id=\"oppdater\">Meld fremdrift</h2><p class=\"hint\">Alle som bruker agp kan lese "
      "tiltakene, notatene og dokumentasjonen, også tillitsvalgte og politikere. Skriv ikke om "
      "enkeltpersoner, og legg ikke ved dokumenter med personopplysninger.</p><form "
      "class=\"stack\" method=\"post\" action=\"" +
      Href(m) + "/oppdater\">" + CsrfField(ctx);
  b += "<div class=\"field\"><label for=\"status\">Status</label><select id=\"status\" "
       "name=\"status\">";
  for (MeasureStatus s : followup::kMeasureStatuses) {
    b += "<option value=\"" + std::string(followup::StatusKey(s)) + "\"" +
         (s == m.status ? " selected" : "") + ">" + std::string(followup::StatusLabel(s)) +
         "</option>";
  }
  b += "</select></div>";
  b += "<div class=\"field\"><label for=\"enhet\">Ansvarlig enhet</label><select id=\"enhet\" "
       "name=\"enhet\">";
  if (m.unit_key.empty()) b += "<option value=\"\">Ikke satt</option>";
  if (m.unit >= 0 && !followup::MayUseUnit(w, viewer, m.unit_key).ok()) {
    b += "<option value=\"\" selected>" + Escape(w.units[static_cast<size_t>(m.unit)].name) +
         "</option>";
  }
  b += UnitOptions(w, viewer, m.unit_key) + "</select></div>";
  b += "<div class=\"field\"><label for=\"frist\">Frist</label><input type=\"date\" "
       "id=\"frist\" name=\"frist\" value=\"" +
       Escape(m.due) + "\"></div>";
  b += "<div class=\"field\"><label for=\"notat\">Notat om fremdriften (valgfritt)</label>"
       "<textarea id=\"notat\" name=\"notat\" rows=\"3\" maxlength=\"4000\"></textarea></div>";
  b += "<div class=\"field\"><label for=\"notatdato\">Dato for notatet</label><input "
       "type=\"date\" id=\"notatdato\" name=\"notatdato\" value=\"" +
       today + "\" max=\"" + today + "\"></div>";
  b += "<div class=\"actions\"><button type=\"submit\" class=\"primary\">Lagre</button></div>"
       "</form>";
  b += "<h3 id=\"legg-ved\">Legg ved dokumentasjon</h3><form class=\"stack\" method=\"post\" "
       "enctype=\"multipart/form-data\" action=\"" +
       Href(m) + "/dokumentasjon\">" + CsrfField(ctx);
  b += "<div class=\"field\"><label for=\"tittel\">Tittel</label><input type=\"text\" "
       "id=\"tittel\" name=\"tittel\" maxlength=\"300\"></div>";
  b += "<div class=\"field\"><label for=\"lenke\">Lenke (https://…)</label><input type=\"url\" "
       "id=\"lenke\" name=\"lenke\" maxlength=\"2000\"></div>";
  b += "<div class=\"field\"><label for=\"fil\">eller en fil (PDF, Word, Excel, PowerPoint, "
       "OpenDocument, PNG, JPEG eller tekst; høyst 10 MiB)</label><input type=\"file\" id=\"fil\" "
       "name=\"fil\" accept=\".pdf,.docx,.xlsx,.pptx,.odt,.ods,.odp,.png,.jpg,.jpeg,.txt,.csv\">"
       "</div>";
  b += "<div class=\"actions\"><button type=\"submit\">Legg ved</button></div></form>";
  return b;
}

std::string MeasurePageBody(Context& ctx, const Loaded& l, const MeasureState& m,
                            const std::string& error) {
  const core::Workforce& w = l.data->workforce;
  std::string b;
  if (!error.empty()) {
    b += "<p class=\"notice notice-error\" role=\"alert\">" + Escape(error) + "</p>";
  } else if (!ctx.param("lagret").empty()) {
    b += "<p class=\"notice notice-success\" role=\"status\">Lagret.</p>";
  }
  b += "<dl class=\"facts\"><dt>Mål</dt><dd><a href=\"" + GoalHref(m) + "\">" +
       Escape(m.node_title) + "</a> i " + Escape(l.stored->policy.title) + "</dd>";
  b += "<dt>Status</dt><dd>" + Badge(m) + "</dd>";
  b += "<dt>Ansvarlig enhet</dt><dd>" + UnitCell(w, m) + "</dd>";
  b +=
      "<dt>Ansvarlig</dt><dd>" + (m.owner.empty() ? Muted("ikke satt") : Escape(m.owner)) + "</dd>";
  b += "<dt>Frist</dt><dd>" + (m.due.empty() ? Muted("ikke satt") : Escape(DateLabel(m.due))) +
       "</dd>";
  b += "<dt>Kilde</dt><dd>" +
       std::string(m.local ? "Lokalt tiltak, lagt til i agp"
                           : "Tiltak i arbeidsgiverpolitikken (id " + Escape(m.key) + ")") +
       "</dd></dl>";
  b += "<h2>Fremdrift</h2>";
  if (m.updates.empty()) {
    b += "<p class=\"muted\">Ingen har meldt fremdrift ennå.</p>";
  } else {
    b += "<div class=\"table-wrap\"><table class=\"data\"><caption>Fremdrift, nyeste først"
         "</caption><thead><tr><th scope=\"col\">Dato</th><th scope=\"col\">Status</th><th "
         "scope=\"col\">Enhet</th><th scope=\"col\">Notat</th><th scope=\"col\">Av</th></tr>"
         "</thead><tbody>";
    // The unit in charge after each update (an update without one keeps the earlier).
    std::vector<std::string> in_charge(m.updates.size());
    std::string current = m.local ? m.unit_key : std::string();
    for (size_t i = 0; i < m.updates.size(); ++i) {
      if (!m.updates[i].unit_key.empty()) current = m.updates[i].unit_key;
      in_charge[i] = current;
    }
    for (size_t i = m.updates.size(); i-- > 0;) {
      const store::MeasureUpdateRecord& u = m.updates[i];
      const auto status = followup::ParseMeasureStatus(u.status);
      std::string unit = in_charge[i];
      for (const core::Unit& x : w.units) {
        if (x.key == in_charge[i]) unit = x.name;
      }
      b += "<tr><td>" +
           Escape(DateLabel(u.note_date.empty() ? u.recorded_at.substr(0, 10) : u.note_date)) +
           "</td><td>" + (status ? std::string(followup::StatusLabel(*status)) : Escape(u.status)) +
           "</td><td>" + (unit.empty() ? Muted("–") : Escape(unit)) + "</td><td>" +
           (u.note.empty() ? Muted("–") : Escape(u.note)) + "</td><td>" + Escape(u.author) +
           "</td></tr>";
    }
    b += "</tbody></table></div>";
  }
  b += "<h2>Dokumentasjon</h2>";
  if (m.document_evidence.empty() && m.evidence.empty()) {
    b += "<p class=\"muted\">Ingen dokumentasjon er lagt ved.</p>";
  } else {
    b += "<ul class=\"evidence\">";
    for (const policy::Evidence& e : m.document_evidence) {
      b += "<li>" +
           (e.url.empty() ? Escape(e.title)
                          : "<a href=\"" + Escape(e.url) + "\" rel=\"noopener noreferrer\">" +
                                Escape(e.title) + "</a>") +
           " " + Muted("(i policydokumentet)") + "</li>";
    }
    const bool may_edit = followup::MayEditMeasure(w, ctx.viewer(), m).ok();
    for (const store::MeasureEvidenceRecord& e : m.evidence) {
      b += "<li>";
      if (!e.withdrawn_at.empty()) {
        b += "<del>" + Escape(e.title) + "</del> " +
             Muted("(trukket tilbake av " + Escape(e.withdrawn_by) + ", " +
                   Escape(DateLabel(e.withdrawn_at.substr(0, 10))) + ")") +
             "</li>";
        continue;
      }
      if (!e.url.empty()) {
        b += "<a href=\"" + Escape(e.url) + "\" rel=\"noopener noreferrer\">" + Escape(e.title) +
             "</a>";
      } else {
        b += "<a href=\"" + Href(m) + "/dokumentasjon/" + std::to_string(e.id) + "\" download>" +
             Escape(e.title) + "</a> " +
             Muted("(" + Escape(e.file_name) + ", " +
                   (e.size < 1024 ? std::to_string(e.size) + " byte"
                                  : Num(static_cast<double>(e.size) / 1024.0, 0) + " kB") +
                   ")");
      }
      b += " " + Muted(Escape(e.added_by) + ", " + Escape(DateLabel(e.added_at.substr(0, 10))));
      if (may_edit) {
        // Withdrawing erases a file: for one added by mistake (with personal data, say).
        b += " <form class=\"inline\" method=\"post\" action=\"" + Href(m) + "/dokumentasjon/" +
             std::to_string(e.id) + "/trekk-tilbake\">" + CsrfField(ctx) +
             "<button type=\"submit\" class=\"secondary\" aria-label=\"Trekk tilbake " +
             Escape(e.title) + "\">Trekk tilbake</button></form>";
      }
      b += "</li>";
    }
    b += "</ul>";
  }
  if (auto may = followup::MayEditMeasure(w, ctx.viewer(), m); may.ok()) {
    b += UpdateForm(ctx, w, m);
  } else if (ctx.viewer().role == core::Role::kLeader) {
    b += "<p class=\"hint\">Du kan ikke endre dette tiltaket: " + Escape(may.error().message()) +
         ".</p>";
  }
  return b;
}

void MeasurePage(Context& ctx, Response& res, const Loaded& l, const MeasureState& m,
                 const std::string& error, int status) {
  Page page;
  page.title = m.title;
  page.nav = "tiltak";
  page.status = status;
  page.breadcrumbs.push_back({"Tiltak", "/tiltak?policy=" + UrlEncode(m.policy_key)});
  page.body = AccessibleTables(MeasurePageBody(ctx, l, m, error));
  SendPage(ctx, res, page);
}

// The evidence id of the path (group 3): its route takes 1–18 digits, which an int64_t holds.
int64_t EvidenceId(const Context& ctx) {
  const std::string digits = ctx.match(3);
  int64_t id = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), id);
  return id;
}

// The measure of the path (groups 1 and 2); null after sending the error page.
const MeasureState* FindMeasure(Context& ctx, Response& res, Loaded* l) {
  if (!Load(ctx, res, ctx.match(1), l)) return nullptr;
  const MeasureState* m = l->book.Find(ctx.match(2));
  if (m == nullptr) SendError(ctx, res, 404, "Fant ikke dette tiltaket.");
  return m;
}

}  // namespace

std::string MeasuresOfGoal(Context& ctx, const StoredPolicy& stored, const policy::Node& node) {
  std::string b = "<h2 id=\"tiltak\">Tiltak</h2>";
  Loaded l;
  if (!ReadBook(ctx, stored, &l))
    return b + "<p class=\"muted\">Tiltakene kunne ikke leses nå.</p>";
  const core::Workforce& w = l.data->workforce;
  const std::vector<const MeasureState*> rows = l.book.OfNode(node.id);
  if (rows.empty()) {
    b += "<p class=\"muted\">Ingen tiltak er knyttet til dette målet.</p>";
  } else {
    b += MeasureTable(w, rows, "Tiltak for målet", false);
  }
  const metrics::Viewer viewer = ctx.viewer();
  if (viewer.role == core::Role::kAdmin || viewer.role == core::Role::kLeader) {
    const std::string options = UnitOptions(w, viewer, "");
    if (!options.empty()) {
      b += "<details><summary>Legg til et lokalt tiltak for din enhet</summary><form "
           "class=\"stack\" method=\"post\" action=\"/mal/" +
           UrlEncode(stored.policy.id) + "/" + UrlEncode(node.id) + "/tiltak\">" + CsrfField(ctx);
      b += "<div class=\"field\"><label for=\"lokal-tittel\">Hva skal gjøres</label><input "
           "type=\"text\" id=\"lokal-tittel\" name=\"tittel\" required maxlength=\"500\"></div>";
      b += "<div class=\"field\"><label for=\"lokal-enhet\">Enhet</label><select "
           "id=\"lokal-enhet\" name=\"enhet\">" +
           options + "</select></div>";
      b += "<div class=\"field\"><label for=\"lokal-ansvarlig\">Ansvarlig</label><input "
           "type=\"text\" id=\"lokal-ansvarlig\" name=\"ansvarlig\" maxlength=\"200\" value=\"" +
           Escape(viewer.name) + "\"></div>";
      b += "<div class=\"field\"><label for=\"lokal-frist\">Frist</label><input type=\"date\" "
           "id=\"lokal-frist\" name=\"frist\"></div>";
      b += "<div class=\"actions\"><button type=\"submit\">Legg til tiltaket</button></div>"
           "</form></details>";
    }
  }
  return AccessibleTables(b);
}

namespace {

std::string RenderFollowupSummary(Context& ctx, const StoredPolicy* stored) {
  store::Database* db = ctx.db();
  if (db == nullptr || !ctx.has_snapshot()) return "";
  auto data = ctx.snapshot().Followup(*db);
  if (!data.ok()) return "";
  const core::Date today = ctx.clock().Today();
  const core::Workforce& w = (*data)->workforce;
  const metrics::Viewer viewer = ctx.viewer();
  // The viewer's scope: a leader's own units, everyone else the whole organisation.
  std::vector<int32_t> units;
  std::string scope = "hele organisasjonen";
  if (viewer.role == core::Role::kLeader) {
    auto own = followup::VisibleUnits(w, viewer, "");
    if (!own.ok()) return "";
    units = *own;
    scope = "dine enheter";
  }
  int64_t overdue_measures = 0;
  if (stored != nullptr) {
    auto book = followup::LoadMeasures(*db, stored->policy, w, today);
    if (book.ok()) {
      for (const MeasureState* m : followup::MeasuresIn(w, *book, units)) {
        if (m->overdue) ++overdue_measures;
      }
    }
  }
  std::string duties = "–";
  auto rules = followup::DutyRules::From((*data)->deadlines, today);
  if (rules.ok()) {
    const followup::Worklist list =
        followup::BuildWorklist(w, *(*data)->index, today, *rules, units);
    if (viewer.role == core::Role::kAdmin || viewer.role == core::Role::kLeader) {
      int64_t n = 0;
      for (const followup::DutyRow& r : list.duties) {
        if (r.status == followup::DutyStatus::kOverdue) ++n;
      }
      duties = std::to_string(n);
    } else {
      // Aggregates only, withheld as every figure (the organisation's total).
      const std::vector<metrics::Cell> cells =
          followup::OverdueByUnit(w, list, ctx.services().options.min_group);
      if (const int32_t top = followup::TopUnit(w); top >= 0) {
        const metrics::Cell& c = cells[static_cast<size_t>(top)];
        duties = c.suppressed ? std::string("skjult")
                              : std::to_string(static_cast<int64_t>(c.value.value_or(0)));
      }
    }
  }
  std::string b =
      "<section aria-labelledby=\"followup-heading\" class=\"followup-summary\"><h2 "
      "id=\"followup-heading\">Oppfølging per " +
      Escape(DateLabel(today.ToIso())) + ", " + scope + "</h2><ul class=\"cards\">";
  b += "<li class=\"card\"><h3><a href=\"/tiltak?policy=" +
       (stored ? UrlEncode(stored->policy.id) : std::string()) +
       "&amp;vis=forfalt\">Forfalte tiltak</a></h3><p class=\"figure-value\" "
       "data-overdue-measures>" +
       std::to_string(overdue_measures) +
       "</p><p class=\"figure-sub\">frist passert, ikke fullført eller avlyst</p></li>";
  b += "<li class=\"card\"><h3><a href=\"/oppgaver\">Forfalte frister i sykefraværsoppfølgingen"
       "</a></h3><p class=\"figure-value\" data-overdue-duties>" +
       duties + "</p><p class=\"figure-sub\">oppfølgingsplan og dialogmøte 1 (aml. § 4-6)</p></li>";
  b += "</ul></section>";
  return b;
}

}  // namespace

std::string FollowupSummary(Context& ctx, const StoredPolicy* stored) {
  if (!ctx.has_snapshot()) return "";
  // The same for everyone with the same scope on the same day: built once per snapshot.
  const metrics::Viewer viewer = ctx.viewer();
  std::string key = "followup-summary|" + (stored ? stored->policy.id : std::string()) + "|" +
                    std::string(core::RoleKey(viewer.role)) + "|" + ctx.clock().Today().ToIso() +
                    "|";
  if (viewer.role == core::Role::kLeader) {
    for (const std::string& u : viewer.units) key += u + ",";
  }
  return *ctx.snapshot().Cached(key, [&] { return RenderFollowupSummary(ctx, stored); });
}

std::string MeasuresToUpdate(Context& ctx, const std::vector<int32_t>& units) {
  if (!ctx.has_snapshot()) return "";
  const StoredPolicy* stored = PolicyInView(ctx);
  Loaded l;
  if (stored == nullptr || !ReadBook(ctx, *stored, &l)) return "";
  const core::Workforce& w = l.data->workforce;
  std::vector<const MeasureState*> open;
  for (const MeasureState* m : followup::MeasuresIn(w, l.book, units)) {
    if (m->status != MeasureStatus::kDone && m->status != MeasureStatus::kCancelled) {
      open.push_back(m);
    }
  }
  // Overdue first, then by due date (none last).
  std::stable_sort(open.begin(), open.end(), [](const MeasureState* a, const MeasureState* b) {
    if (a->overdue != b->overdue) return a->overdue;
    if (a->due.empty() != b->due.empty()) return b->due.empty();
    return a->due < b->due;
  });
  std::string b =
      "<h2 id=\"tiltak\">Tiltak å melde fremdrift på</h2><p class=\"hint\">Tiltakene "
      "i " +
      Escape(stored->policy.title) + " som " +
      (units.empty() ? "organisasjonen" : "enhetene dine") +
      " har ansvaret for og som ikke er fullført. Åpne et tiltak for å melde status, "
      "skrive et notat eller legge ved dokumentasjon.</p>";
  b += MeasureTable(w, open, "Tiltak som ikke er fullført", true);
  return b;
}

void ShowMeasures(Context& ctx, Response& res) {
  Loaded l;
  if (!Load(ctx, res, ctx.param("policy"), &l)) return;
  const core::Workforce& w = l.data->workforce;
  const std::string unit_key = ctx.param("enhet");
  const std::string show = ctx.param("vis");
  std::vector<int32_t> units;
  if (!unit_key.empty()) {
    const int32_t u = followup::FindUnit(w, unit_key);
    if (u < 0) return SendError(ctx, res, 404, "Fant ingen enhet med denne id-en.");
    units.push_back(u);
  }
  std::vector<const MeasureState*> rows;
  for (const MeasureState* m : followup::MeasuresIn(w, l.book, units)) {
    if (show == "forfalt" && !m->overdue) continue;
    if (const auto s = followup::ParseMeasureStatus(show); s && m->status != *s) continue;
    rows.push_back(m);
  }
  Page page;
  page.title = "Tiltak";
  page.nav = "tiltak";
  std::string& b = page.body;
  const core::Date today = ctx.clock().Today();
  b += "<p class=\"lead\">Tiltakene i " + Escape(l.stored->policy.title) +
       " og de lokale tiltakene enhetene har lagt til, med status per " +
       Escape(DateLabel(today.ToIso())) +
       ". Et tiltak er forfalt når fristen er passert og det verken er fullført eller avlyst.</p>";
  b += "<form class=\"period-picker\" method=\"get\" action=\"/tiltak\">";
  if (ctx.snapshot().policies.size() > 1) {
    b += "<span class=\"pick pick-wide\"><label for=\"policy\">Policy</label> <select "
         "id=\"policy\" name=\"policy\">";
    for (const StoredPolicy& p : ctx.snapshot().policies) {
      b += "<option value=\"" + Escape(p.policy.id) + "\"" + (&p == l.stored ? " selected" : "") +
           ">" + Escape(p.policy.title) + "</option>";
    }
    b += "</select></span> ";
  }
  b += "<span class=\"pick\"><label for=\"enhet\">Enhet</label> <select id=\"enhet\" "
       "name=\"enhet\"><option value=\"\">Alle</option>";
  for (const core::Unit& u : w.units) {
    b += "<option value=\"" + Escape(u.key) + "\"" + (u.key == unit_key ? " selected" : "") + ">" +
         Escape(u.name) + "</option>";
  }
  b += "</select></span> <span class=\"pick\"><label for=\"vis\">Vis</label> <select id=\"vis\" "
       "name=\"vis\"><option value=\"\">Alle</option><option value=\"forfalt\"" +
       std::string(show == "forfalt" ? " selected" : "") + ">Forfalte</option>";
  for (MeasureStatus s : followup::kMeasureStatuses) {
    const std::string key(followup::StatusKey(s));
    b += "<option value=\"" + key + "\"" + (show == key ? " selected" : "") + ">" +
         std::string(followup::StatusLabel(s)) + "</option>";
  }
  b += "</select></span> <button type=\"submit\" class=\"secondary\">Vis</button></form>";

  // Measures and overdue ones per unit, the top two levels, as the aggregate pages count.
  const followup::MeasureCounts counts = followup::CountMeasuresByUnit(w, l.book);
  b += "<div class=\"table-wrap\"><table class=\"data\"><caption>Tiltak og forfalte tiltak per "
       "enhet</caption><thead><tr><th scope=\"col\">Enhet</th><th scope=\"col\">Tiltak</th><th "
       "scope=\"col\">Forfalte</th></tr></thead><tbody>";
  for (size_t u = 0; u < w.units.size(); ++u) {
    const int32_t parent = w.units[u].parent;
    if (parent >= 0 && w.units[static_cast<size_t>(parent)].parent >= 0) continue;
    if (counts.total[u] == 0) continue;
    b += "<tr><th scope=\"row\"><a href=\"/tiltak?policy=" + UrlEncode(l.stored->policy.id) +
         "&amp;enhet=" + UrlEncode(w.units[u].key) + "\">" + Escape(w.units[u].name) +
         "</a></th><td class=\"num\">" + std::to_string(counts.total[u]) +
         "</td><td class=\"num\">" + std::to_string(counts.overdue[u]) + "</td></tr>";
  }
  b += "</tbody></table></div>";
  b += "<h2>Tiltakene</h2>";
  b += MeasureTable(w, rows, show == "forfalt" ? "Forfalte tiltak" : "Tiltak", true);
  page.body = AccessibleTables(page.body);
  SendPage(ctx, res, page);
}

void ShowMeasure(Context& ctx, Response& res) {
  Loaded l;
  const MeasureState* m = FindMeasure(ctx, res, &l);
  if (m == nullptr) return;
  MeasurePage(ctx, res, l, *m, "", 200);
}

void UpdateMeasureForm(Context& ctx, Response& res) {
  Loaded l;
  const MeasureState* m = FindMeasure(ctx, res, &l);
  if (m == nullptr) return;
  store::Database* db = ctx.db();
  followup::MeasureChange change{ctx.form_param("status"), ctx.form_param("enhet"),
                                 ctx.form_param("frist"), ctx.form_param("notat"),
                                 ctx.form_param("notatdato")};
  auto done =
      followup::UpdateMeasure(*db, l.data->workforce, ctx.viewer(), *m, change, ctx.clock());
  if (!done.ok()) {
    if (done.error().code() == core::ErrorCode::kInvalidInput) {
      return MeasurePage(ctx, res, l, *m, done.error().message(), 400);
    }
    return SendFollowupError(ctx, res, done.error());
  }
  ctx.AuditObject(m->policy_key + "/" + m->key,
                  done->status + (done->unit_key.empty() ? "" : ", enhet " + done->unit_key) +
                      (done->note.empty() ? "" : ", notat"));
  SendRedirect(res, Href(*m) + "?lagret=1");
}

void AddEvidenceForm(Context& ctx, Response& res) {
  Loaded l;
  const MeasureState* m = FindMeasure(ctx, res, &l);
  if (m == nullptr) return;
  followup::EvidenceInput in;
  in.title = ctx.form_param("tittel");
  in.url = ctx.form_param("lenke");
  const httplib::Request& req = ctx.request();
  if (auto it = req.files.find("fil"); it != req.files.end() && !it->second.filename.empty()) {
    in.file_name = it->second.filename;
    in.bytes = it->second.content;
  }
  auto added =
      followup::AddEvidence(*ctx.db(), l.data->workforce, ctx.viewer(), *m, in, ctx.clock());
  if (!added.ok()) {
    if (added.error().code() == core::ErrorCode::kInvalidInput) {
      return MeasurePage(ctx, res, l, *m, added.error().message(), 400);
    }
    return SendFollowupError(ctx, res, added.error());
  }
  ctx.AuditObject(m->policy_key + "/" + m->key,
                  added->url.empty()
                      ? "fil " + added->content_type + ", " + std::to_string(added->size) + " byte"
                      : std::string("lenke"));
  SendRedirect(res, Href(*m) + "?lagret=1");
}

void DownloadEvidence(Context& ctx, Response& res) {
  Loaded l;
  const MeasureState* m = FindMeasure(ctx, res, &l);
  if (m == nullptr) return;
  auto file = followup::OpenEvidence(*ctx.db(), ctx.viewer(), *m, EvidenceId(ctx), ctx.clock());
  if (!file.ok()) {
    if (file.error().code() == core::ErrorCode::kNotFound) {
      return SendError(ctx, res, 404, "Fant ikke filen.");
    }
    return SendError(ctx, res, 503, "Filen kunne ikke leses nå.");
  }
  // Always a download, never shown in the browser: whatever a file holds, it cannot run here.
  res.set_header("Content-Disposition", AttachmentDisposition(file->file_name));
  res.set_header("Cache-Control", "no-store");
  res.headers.erase("Content-Security-Policy");  // the pages' own, replaced by a stricter one
  res.set_header("Content-Security-Policy", "sandbox; default-src 'none'");
  res.set_content(file->data, file->content_type);
}

void WithdrawEvidenceForm(Context& ctx, Response& res) {
  Loaded l;
  const MeasureState* m = FindMeasure(ctx, res, &l);
  if (m == nullptr) return;
  const int64_t id = EvidenceId(ctx);
  auto done =
      followup::WithdrawEvidence(*ctx.db(), l.data->workforce, ctx.viewer(), *m, id, ctx.clock());
  if (!done.ok()) return SendFollowupError(ctx, res, done.error());
  ctx.AuditObject(m->policy_key + "/" + m->key, "dokumentasjon " + std::to_string(id));
  SendRedirect(res, Href(*m) + "?lagret=1");
}

void AddLocalMeasureForm(Context& ctx, Response& res) {
  Loaded l;
  if (!Load(ctx, res, ctx.match(1), &l)) return;
  followup::LocalMeasureInput in{ctx.match(2), ctx.form_param("tittel"),
                                 ctx.form_param("ansvarlig"), ctx.form_param("frist"),
                                 ctx.form_param("enhet")};
  auto added = followup::AddLocalMeasure(*ctx.db(), l.data->workforce, ctx.viewer(),
                                         l.stored->policy, in, ctx.clock());
  if (!added.ok()) return SendFollowupError(ctx, res, added.error());
  ctx.AuditObject(l.stored->policy.id + "/lokal-" + std::to_string(added->id),
                  "mål " + added->node_id + ", enhet " + added->unit_key);
  SendRedirect(res, "/tiltak/" + UrlEncode(l.stored->policy.id) + "/lokal-" +
                        std::to_string(added->id) + "?lagret=1");
}

}  // namespace agp::web
