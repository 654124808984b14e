// Mine oppgaver (DESIGN §10): what a leader does this week — the sick-leave follow-up duties of
// arbeidsmiljøloven § 4-6 due and overdue, NAV's dialogue meeting 2 coming, the development
// dialogues due — for their own units, with a form to record each one done. HR sees the same for
// any unit or the whole organisation; union representatives and viewers the aggregates only.
// Who sees whom and the audit entry of every view are decided in followup/tasks.h.
#include <algorithm>
#include <string>

#include "followup/tasks.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/widgets.h"

namespace agp::web {
namespace {

using followup::DutyKind;
using followup::DutyRow;
using followup::DutyStatus;

std::string PersonLabel(const core::Workforce& w, int32_t e) {
  const core::Employee& p = w.employees[static_cast<size_t>(e)];
  return p.name.empty() ? Escape(p.key)
                        : Escape(p.name) + " <span class=\"muted\">(" + Escape(p.key) + ")</span>";
}

std::string UnitName(const core::Workforce& w, int32_t u) {
  return u < 0 ? "–" : Escape(w.units[static_cast<size_t>(u)].name);
}

std::string UnitLink(const core::Workforce& w, int32_t u) {
  if (u < 0) return "–";
  const core::Unit& unit = w.units[static_cast<size_t>(u)];
  return "<a href=\"/enheter/" + UrlEncode(unit.key) + "\">" + Escape(unit.name) + "</a>";
}

std::string DutyLabel(DutyKind k) {
  switch (k) {
    case DutyKind::kFollowupPlan:
      return "Oppfølgingsplan (uke 4)";
    case DutyKind::kDialogueMeeting1:
      return "Dialogmøte 1 (uke 7)";
    case DutyKind::kDialogueMeeting2:
      return "Dialogmøte 2 i regi av NAV (uke 26)";
  }
  return "";
}

std::string StatusBadgeFor(DutyStatus s) {
  const char* tone = "neutral";
  switch (s) {
    case DutyStatus::kDone:
    case DutyStatus::kUnnecessary:
      tone = "met";
      break;
    case DutyStatus::kLate:
    case DutyStatus::kConsider:
      tone = "on_track";
      break;
    case DutyStatus::kOverdue:
      tone = "off_track";
      break;
    case DutyStatus::kDue:
      tone = "no_data";
      break;
  }
  return std::string("<span class=\"status status-") + tone + "\">" +
         std::string(followup::Label(s)) + "</span>";
}

bool Open(DutyStatus s) {
  return s == DutyStatus::kOverdue || s == DutyStatus::kDue || s == DutyStatus::kConsider;
}

// The forms that record a duty done (with a date) or «åpenbart unødvendig» (with a reason).
std::string RecordForms(const Context& ctx, const core::Workforce& w, const DutyRow& r, int row,
                        const std::string& today) {
  const std::string key = Escape(w.employees[static_cast<size_t>(r.employee)].key);
  const std::string duty(followup::ToCode(r.duty));
  const std::string n = std::to_string(row);
  const std::string hidden =
      CsrfField(ctx) + "<input type=\"hidden\" name=\"ansatt\" value=\"" + key +
      "\"><input type=\"hidden\" name=\"plikt\" value=\"" + duty + "\">" +
      (ctx.param("enhet").empty()
           ? std::string()
           : "<input type=\"hidden\" name=\"enhet\" value=\"" + Escape(ctx.param("enhet")) + "\">");
  std::string done_label = r.duty == DutyKind::kFollowupPlan ? "Plan laget" : "Møte holdt";
  std::string b;
  b += "<form class=\"inline\" method=\"post\" action=\"/oppgaver/registrer\">" + hidden +
       "<input type=\"hidden\" name=\"handling\" value=\"utfort\"><label for=\"dato-" + n +
       "\">Dato</label> <input type=\"date\" id=\"dato-" + n + "\" name=\"dato\" value=\"" + today +
       "\" max=\"" + today + "\" required> <button type=\"submit\">" + done_label +
       "</button></form>";
  b += "<details><summary>Åpenbart unødvendig</summary><form class=\"stack\" method=\"post\" "
       "action=\"/oppgaver/registrer\">" +
       hidden +
       "<input type=\"hidden\" name=\"handling\" value=\"unodvendig\"><input type=\"hidden\" "
       "name=\"dato\" value=\"" +
       today + "\"><label for=\"grunn-" + n + "\">Begrunnelse</label><textarea id=\"grunn-" + n +
       "\" name=\"begrunnelse\" required maxlength=\"500\" rows=\"2\"></textarea><button "
       "type=\"submit\">Registrer som unødvendig</button></form></details>";
  return b;
}

void DutyTable(Context& ctx, std::string& b, const core::Workforce& w,
               const std::vector<const DutyRow*>& rows, const std::string& caption, bool forms,
               const std::string& today) {
  b += "<div class=\"table-wrap\"><table class=\"data\"><caption>" + caption + " (" +
       std::to_string(rows.size()) +
       ")</caption><thead><tr><th scope=\"col\">Ansatt</th><th scope=\"col\">Enhet</th>"
       "<th scope=\"col\">Plikt</th><th scope=\"col\">Frist</th><th scope=\"col\">Tilfellet"
       "</th><th scope=\"col\">Status</th><th scope=\"col\">" +
       std::string(forms ? "Registrer" : "Utført") + "</th></tr></thead><tbody>";
  int n = 0;
  for (const DutyRow* r : rows) {
    b += "<tr data-employee=\"" + Escape(w.employees[static_cast<size_t>(r->employee)].key) +
         "\" data-duty=\"" + std::string(followup::ToCode(r->duty)) + "\" data-due=\"" +
         r->due.ToIso() + "\" data-status=\"" + std::string(followup::ToCode(r->status)) +
         "\"><th scope=\"row\">" + PersonLabel(w, r->employee) + "</th><td>" +
         UnitLink(w, r->unit) + "</td><td>" + DutyLabel(r->duty) + "</td><td>" +
         Escape(DateLabel(r->due.ToIso())) + "</td><td>" +
         Escape(DateLabel(r->case_start.ToIso())) + "–" + Escape(DateLabel(r->case_end.ToIso())) +
         "</td><td>" + StatusBadgeFor(r->status) + "</td><td>";
    if (forms) {
      b += RecordForms(ctx, w, *r, ++n, today);
    } else if (r->done) {
      b += Escape(DateLabel(r->done->ToIso())) + (r->done_in_app ? " (registrert i agp)" : "");
    } else {
      b += "–";
    }
    b += "</td></tr>";
  }
  if (rows.empty()) b += "<tr><td colspan=\"7\">Ingen.</td></tr>";
  b += "</tbody></table></div>";
}

// What union representatives and viewers see: counts and compliance, withheld as every figure.
void AggregatePage(Context& ctx, Response& res, const FollowupData& data,
                   const followup::DutyRules& rules, core::Date today) {
  Page page;
  page.title = "Oppfølging i tall";
  page.nav = "oppgaver";
  const core::Workforce& w = data.workforce;
  const followup::Worklist all = followup::BuildWorklist(w, *data.index, today, rules);
  const std::vector<metrics::Cell> overdue =
      followup::OverdueByUnit(w, all, ctx.services().options.min_group);
  std::string& b = page.body;
  b += "<p class=\"lead\">Lederens plikter i sykefraværsoppfølgingen (arbeidsmiljøloven § 4-6) "
       "gjelder enkeltpersoner. Din rolle ser tallene for grupper: forfalte frister per enhet i "
       "dag, og hvor ofte fristene er holdt. Tall om færre enn " +
       std::to_string(ctx.services().options.min_group) + " personer er skjult.</p>";
  const Snapshot& snap = ctx.snapshot();
  const std::optional<core::Period> year = ctx.period();
  std::optional<FigureBook> book;
  if (snap.cube && year) book.emplace(*snap.cube, ctx.audience());
  b += "<div class=\"table-wrap\"><table class=\"data\"><caption>Forfalte frister per " +
       Escape(DateLabel(today.ToIso())) +
       (year ? ", og fristene holdt i " + Escape(PeriodLabel(year->ToString())) : std::string()) +
       "</caption><thead><tr><th scope=\"col\">Enhet</th><th scope=\"col\">Forfalte frister</th>"
       "<th scope=\"col\">Oppfølgingsplan innen fire uker (%)</th><th scope=\"col\">Dialogmøte 1 "
       "innen sju uker (%)</th></tr></thead><tbody>";
  for (size_t u = 0; u < w.units.size(); ++u) {
    const int32_t parent = w.units[u].parent;
    if (parent >= 0 && w.units[static_cast<size_t>(parent)].parent >= 0) continue;  // two levels
    const metrics::Cell& c = overdue[u];
    b += "<tr><th scope=\"row\">" + Escape(w.units[u].name) + "</th><td class=\"num\">" +
         (c.suppressed ? "<span class=\"muted\">skjult</span>"
                       : std::to_string(static_cast<int64_t>(c.value.value_or(0)))) +
         "</td>";
    const int cube_unit = snap.cube ? snap.cube->FindUnit(w.units[u].key) : -1;
    for (const char* key : {"followup_plan_compliance", "dialogue_meeting1_compliance"}) {
      b += book && cube_unit >= 0 ? CellTd(book->Get(key, cube_unit, *year), key)
                                  : std::string("<td>–</td>");
    }
    b += "</tr>";
  }
  b += "</tbody></table></div>";
  b += "<p class=\"hint\">Fristene: oppfølgingsplan senest etter fire uker (§ 4-6 (3)), dialogmøte "
       "1 senest etter sju uker ved full sykmelding (§ 4-6 (4)), regnet fra første dag i "
       "oppfølgingstilfellet (sykmeldinger med høyst 16 dager mellom seg er ett tilfelle).</p>";
  b += "<p>Tiltakene i arbeidsgiverpolitikken, med status og hvilke som er forfalt per enhet, "
       "står under <a href=\"/tiltak\">Tiltak</a>.</p>";
  SendPage(ctx, res, page);
}

}  // namespace

void ShowTasks(Context& ctx, Response& res) {
  store::Database* db = ctx.db();
  if (db == nullptr) return SendError(ctx, res, 503, "Databasen kunne ikke leses nå.");
  if (!ctx.has_snapshot()) return SendError(ctx, res, 503, "Dataene kunne ikke leses nå.");
  auto data = ctx.snapshot().Followup(*db);
  if (!data.ok()) return SendError(ctx, res, 503, "Oppfølgingsdataene kunne ikke leses nå.");
  const core::Date today = ctx.clock().Today();
  auto rules = followup::DutyRules::From((*data)->deadlines, today);
  if (!rules.ok()) return SendError(ctx, res, 503, "Fristene kunne ikke leses nå.");
  const core::Workforce& w = (*data)->workforce;
  const metrics::Viewer viewer = ctx.viewer();
  if (viewer.role == core::Role::kUnion || viewer.role == core::Role::kViewer) {
    return AggregatePage(ctx, res, **data, *rules, today);
  }
  auto tasks = followup::ViewTasks(*db, viewer, w, *(*data)->index, *rules, today,
                                   ctx.param("enhet"), ctx.clock());
  if (!tasks.ok()) {
    switch (tasks.error().code()) {
      case core::ErrorCode::kForbidden:
        return SendError(ctx, res, 403,
                         "Du kan bare se oppgaver i dine egne enheter og enhetene under dem.");
      case core::ErrorCode::kNotFound:
        return SendError(ctx, res, 404, "Fant ingen enhet med denne id-en.");
      default:
        return SendError(ctx, res, 503, "Oppgavene kunne ikke leses nå.");
    }
  }
  Page page;
  page.title = "Mine oppgaver";
  page.nav = "oppgaver";
  std::string& b = page.body;
  const std::string today_iso = today.ToIso();
  if (const std::string done = ctx.param("registrert"); !done.empty()) {
    b += "<p class=\"notice notice-success\" role=\"status\">Registrert. Tallene for oppfølging "
         "regnes om i bakgrunnen.</p>";
  }
  std::string scope;
  if (tasks->units.empty()) {
    scope = "hele organisasjonen";
  } else {
    for (size_t i = 0; i < tasks->units.size(); ++i) {
      scope += (i == 0                         ? ""
                : i + 1 == tasks->units.size() ? " og "
                                               : ", ") +
               UnitName(w, tasks->units[i]);
    }
  }
  b += "<p class=\"lead\">Per " + Escape(DateLabel(today_iso)) + " for " + scope +
       ": frister i oppfølgingen av sykmeldte (arbeidsmiljøloven § 4-6) og medarbeidersamtaler "
       "som skulle vært holdt.</p>";
  // HR picks any unit; a leader one of the units of their own subtrees (a sector's whole year of
  // duties is a long page).
  {
    auto own = followup::VisibleUnits(w, viewer, "");
    std::vector<int32_t> roots = own.ok() ? *own : std::vector<int32_t>{};
    b += "<form class=\"inline\" method=\"get\" action=\"/oppgaver\"><label for=\"enhet\">Enhet"
         "</label> <select id=\"enhet\" name=\"enhet\"><option value=\"\">" +
         std::string(viewer.role == core::Role::kAdmin ? "Hele organisasjonen"
                                                       : "Alle dine enheter") +
         "</option>";
    for (size_t i = 0; i < w.units.size(); ++i) {
      if (!followup::InAnySubtree(w, static_cast<int32_t>(i), roots)) continue;
      const core::Unit& u = w.units[i];
      b += "<option value=\"" + Escape(u.key) + "\"" +
           (u.key == ctx.param("enhet") ? " selected" : "") + ">" + Escape(u.name) + "</option>";
    }
    b += "</select> <button type=\"submit\">Vis</button></form>";
  }
  b += "<p class=\"notice notice-warning\">Opplysninger om enkeltpersoner. Sykefravær er "
       "helseopplysninger: bruk dem bare i oppfølgingen av den ansatte. Visningen er logget.</p>";
  std::vector<const DutyRow*> open, closed;
  // Done ones of the last 30 days: what was just dealt with, not the whole year.
  const core::Date recent = today.AddDays(-30);
  for (const DutyRow& r : tasks->duties.duties) {
    if (Open(r.status)) {
      open.push_back(&r);
    } else if (r.due >= recent || (r.done && *r.done >= recent) || r.done_in_app ||
               r.status == DutyStatus::kUnnecessary) {
      closed.push_back(&r);
    }
  }
  std::reverse(closed.begin(), closed.end());  // the newest first
  b += "<h2>Sykefraværsoppfølging: å gjøre</h2>";
  b += "<p class=\"hint\">Fristene regnes fra første dag i oppfølgingstilfellet: sykmeldinger med "
       "høyst 16 dager mellom seg er ett tilfelle. <strong>Vurder</strong>: den ansatte er delvis "
       "sykmeldt på dag 49, og dialogmøte 1 holdes når det er hensiktsmessig.</p>";
  DutyTable(ctx, b, w, open, "Forfalte og kommende frister", true, today_iso);
  std::vector<const DutyRow*> coming;
  for (const DutyRow& r : tasks->duties.milestones) {
    if (r.status != DutyStatus::kDone) coming.push_back(&r);
  }
  if (!coming.empty()) {
    b += "<h2>Dialogmøte 2 i regi av NAV</h2><p class=\"hint\">NAV kaller inn innen 26 uker "
         "(folketrygdloven § 8-7 a). Send oppdatert oppfølgingsplan til NAV senest en uke før "
         "(§ 25-2).</p>";
    DutyTable(ctx, b, w, coming, "Dialogmøte 2 de neste to ukene og forfalt", false, today_iso);
  }
  b += "<h2>Nylig utført</h2>";
  DutyTable(ctx, b, w, closed,
            "Frister de siste 30 dagene som er utført eller vurdert som åpenbart unødvendig", false,
            today_iso);
  b += "<h2>Medarbeidersamtaler</h2>";
  b += "<div class=\"table-wrap\"><table class=\"data\"><caption>Ansatte uten medarbeidersamtale "
       "det siste året (" +
       std::to_string(tasks->dialogues.size()) +
       ")</caption><thead><tr><th scope=\"col\">Ansatt</th><th scope=\"col\">Enhet</th><th "
       "scope=\"col\">Siste samtale</th><th scope=\"col\">Ansatt siden</th></tr></thead><tbody>";
  for (const followup::DialogueDue& d : tasks->dialogues) {
    b += "<tr><th scope=\"row\">" + PersonLabel(w, d.employee) + "</th><td>" + UnitLink(w, d.unit) +
         "</td><td>" + (d.last ? Escape(DateLabel(d.last->ToIso())) : std::string("ingen")) +
         "</td><td>" + Escape(DateLabel(d.hired.ToIso())) + "</td></tr>";
  }
  if (tasks->dialogues.empty()) b += "<tr><td colspan=\"4\">Ingen.</td></tr>";
  b += "</tbody></table></div>";
  b += MeasuresToUpdate(ctx, tasks->units);
  page.body = AccessibleTables(std::move(page.body));
  SendPage(ctx, res, page);
}

void RecordFollowup(Context& ctx, Response& res) {
  store::Database* db = ctx.db();
  if (db == nullptr || !ctx.has_snapshot()) {
    return SendError(ctx, res, 503, "Databasen kunne ikke leses nå.");
  }
  auto data = ctx.snapshot().Followup(*db);
  if (!data.ok()) return SendError(ctx, res, 503, "Oppfølgingsdataene kunne ikke leses nå.");
  const core::Date today = ctx.clock().Today();
  auto rules = followup::DutyRules::From((*data)->deadlines, today);
  if (!rules.ok()) return SendError(ctx, res, 503, "Fristene kunne ikke leses nå.");
  const std::string employee = ctx.form_param("ansatt");
  const std::string duty = ctx.form_param("plikt");
  const std::string action = ctx.form_param("handling");
  const std::string reason = ctx.form_param("begrunnelse");
  const std::optional<core::Date> date = core::ParseDate(ctx.form_param("dato"));
  if (duty != "oppfolgingsplan" && duty != "dialogmote1") {
    return SendError(ctx, res, 400, "Ukjent plikt.");
  }
  if (action != "utfort" && action != "unodvendig") {
    return SendError(ctx, res, 400, "Ukjent handling.");
  }
  if (!date) return SendError(ctx, res, 400, "Datoen mangler eller er ikke en dato.");
  if (*date > today) return SendError(ctx, res, 400, "Datoen kan ikke ligge fram i tid.");
  if (action == "unodvendig" && reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    return SendError(ctx, res, 400, "Skriv hvorfor oppfølgingen er åpenbart unødvendig.");
  }
  if (reason.size() > 500) return SendError(ctx, res, 400, "Begrunnelsen er for lang.");
  auto who = followup::MayRecordFor((*data)->workforce, *(*data)->index, *rules, ctx.viewer(),
                                    employee, today);
  if (!who.ok()) {
    if (who.error().code() == core::ErrorCode::kNotFound) {
      return SendError(ctx, res, 404, "Fant ingen ansatt med denne id-en.");
    }
    return SendError(ctx, res, 403,
                     "Du kan bare registrere oppfølging for ansatte i dine egne enheter.");
  }
  store::FollowupRecord r;
  r.employee_key = employee;
  r.event = duty;
  r.date = date->days();
  r.unnecessary = action == "unodvendig";
  r.reason = r.unnecessary ? reason : "";
  r.recorded_by = ctx.viewer().name;
  r.recorded_at = ctx.clock().NowUtc();
  auto added = db->AddFollowupRecord(r);
  if (!added.ok()) return SendError(ctx, res, 400, "Hendelsen kunne ikke registreres.");
  ctx.AuditObject(employee, duty + (r.unnecessary ? " åpenbart unødvendig " : " ") + date->ToIso());
  ctx.services().snapshots->Invalidate();  // the worklist and, recomputed, the figures count it
  std::string back = "/oppgaver?registrert=1";
  if (const std::string unit = ctx.form_param("enhet"); !unit.empty()) {
    back += "&enhet=" + UrlEncode(unit);
  }
  SendRedirect(res, back);
}

}  // namespace agp::web
