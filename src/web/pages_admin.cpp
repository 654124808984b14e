// Brukere and Logg (admins only, DESIGN §6): accounts with their roles and units, disabled or
// enabled, given a new role or logged out everywhere (issue 13 item 9), and the append-only audit
// log.
#include <algorithm>
#include <functional>
#include <sstream>

#include "store/passwords.h"
#include "web/html.h"
#include "web/pages.h"

namespace agp::web {

namespace {

constexpr core::Role kRoles[] = {core::Role::kAdmin, core::Role::kLeader, core::Role::kUnion,
                                 core::Role::kViewer};

// The forms of one account's row: disable or enable, log out everywhere, a new role. `row`
// makes the ids of the role form's fields unique on the page.
std::string AccountForms(const Context& ctx, const store::UserRecord& u, int row) {
  const std::string base = "/brukere/" + UrlEncode(u.name);
  const std::string who = "<span class=\"visually-hidden\"> «" + Escape(u.name) + "»</span>";
  auto button = [&](const std::string& action, const std::string& label) {
    return "<form class=\"inline\" method=\"post\" action=\"" + base + "/" + action + "\">" +
           CsrfField(ctx) + "<button type=\"submit\" class=\"secondary\">" + label + who +
           "</button></form> ";
  };
  std::string out = u.disabled ? button("aktiver", "Aktiver") : button("deaktiver", "Deaktiver");
  out += button("logg-ut", "Logg ut overalt");
  const std::string id = std::to_string(row);
  out += "<details><summary>Endre rolle" + who +
         "</summary><form class=\"stack\" method=\"post\" "
         "action=\"" +
         base + "/rolle\">" + CsrfField(ctx) + "\n";
  out += "<div class=\"field\"><label for=\"rolle-" + id + "\">Rolle</label><select id=\"rolle-" +
         id + "\" name=\"rolle\">";
  for (core::Role r : kRoles) {
    out += "<option value=\"" + std::string(core::RoleKey(r)) + "\"" +
           (u.role == core::RoleKey(r) ? " selected" : "") + ">" + std::string(core::RoleLabel(r)) +
           "</option>";
  }
  std::string units;
  for (const std::string& unit : u.units) units += (units.empty() ? "" : ", ") + unit;
  out += "</select></div>\n<div class=\"field\"><label for=\"enheter-" + id +
         "\">Egne enheter (for ledere)</label><input type=\"text\" id=\"enheter-" + id +
         "\" name=\"enheter\" value=\"" + Escape(units) + "\"></div>\n";
  out += "<div class=\"actions\"><button type=\"submit\">Lagre rolle" + who +
         "</button></div></form></details>";
  return out;
}

void UsersPage(Context& ctx, Response& res, const std::string& notice, bool notice_is_error,
               int status) {
  Page page;
  page.title = "Brukere";
  page.nav = "brukere";
  page.status = status;
  store::Database* db = ctx.db();
  if (db == nullptr) {
    SendError(ctx, res, 503, "Databasen kunne ikke leses nå.");
    return;
  }
  auto users = db->Users();
  if (!users.ok()) {
    SendError(ctx, res, 503, "Brukerne kunne ikke leses nå.");
    return;
  }
  std::string& b = page.body;
  if (!notice.empty()) {
    b += std::string("<p class=\"notice ") + (notice_is_error ? "notice-error" : "notice-success") +
         "\" role=\"status\">" + notice + "</p>\n";
  }
  b += "<p class=\"lead\">Hvem som kan logge inn, og hva rollen gir tilgang til. Ledere ser "
       "enkeltpersoner bare i sine egne enheter; tillitsvalgte og lesere ser bare tall for "
       "grupper.</p>\n";
  b += "<div class=\"table-wrap\"><table class=\"data\"><caption>Brukere (" +
       std::to_string(users->size()) +
       ")</caption><thead><tr><th scope=\"col\">Navn</th>"
       "<th scope=\"col\">Rolle</th><th scope=\"col\">Enheter</th><th scope=\"col\">Opprettet</th>"
       "<th scope=\"col\">Status</th><th scope=\"col\">Endre</th></tr></thead><tbody>\n";
  const metrics::MeasureCube* cube = ctx.snapshot().cube.get();
  int row = 0;
  for (const store::UserRecord& u : *users) {
    ++row;
    auto role = core::ParseRole(u.role);
    b += "<tr><th scope=\"row\">" + Escape(u.name) + "</th><td>" +
         std::string(role ? core::RoleLabel(*role) : u.role) + "</td><td>";
    for (size_t i = 0; i < u.units.size(); ++i) {
      if (i > 0) b += ", ";
      int at = cube ? cube->FindUnit(u.units[i]) : -1;
      std::string label = at >= 0 ? cube->units()[at].name : u.units[i];
      b += "<a href=\"/enheter/" + UrlEncode(u.units[i]) + "\">" + Escape(label) + "</a>";
    }
    if (u.units.empty()) b += "<span class=\"muted\">–</span>";
    b += "</td><td>" + Escape(DateLabel(u.created_at.substr(0, 10))) + "</td><td>" +
         (u.disabled ? "deaktivert" : "aktiv") + "</td><td>" + AccountForms(ctx, u, row) +
         "</td></tr>\n";
  }
  b += "</tbody></table></div>\n";
  b += "<h2>Ny bruker</h2>\n<form class=\"stack\" method=\"post\" action=\"/brukere\">" +
       CsrfField(ctx) + "\n";
  b +=
      "<div class=\"field\"><label for=\"navn\">Brukernavn</label><input type=\"text\" id=\"navn\" "
      "name=\"navn\" required maxlength=\"64\" autocomplete=\"off\"></div>\n";
  b +=
      "<div class=\"field\"><label for=\"rolle\">Rolle</label><select id=\"rolle\" name=\"rolle\">";
  for (core::Role r : kRoles) {
    b += "<option value=\"" + std::string(core::RoleKey(r)) + "\"" +
         (r == core::Role::kViewer ? " selected" : "") + ">" + std::string(core::RoleLabel(r)) +
         "</option>";
  }
  b += "</select></div>\n";
  b += "<div class=\"field\"><label for=\"enheter\">Egne enheter (for ledere)</label>"
       "<input type=\"text\" id=\"enheter\" name=\"enheter\" aria-describedby=\"enheter-hint\">"
       "<p class=\"hint\" id=\"enheter-hint\">Enhets-id-ene fra lønns- og personalsystemet, skilt "
       "med komma, for eksempel <code>1200, 1310</code>. Lederen ser enkeltpersoner i disse "
       "enhetene og alt under dem.</p></div>\n";
  b += "<div class=\"field\"><label for=\"passord\">Passord</label><input type=\"password\" "
       "id=\"passord\" name=\"passord\" autocomplete=\"new-password\" minlength=\"12\" "
       "aria-describedby=\"passord-hint\"><p class=\"hint\" id=\"passord-hint\">Minst 12 tegn. La "
       "feltet stå tomt for å lage et tilfeldig passord som vises én gang.</p></div>\n";
  b += "<div class=\"actions\"><button type=\"submit\" class=\"primary\">Legg til bruker</button>"
       "</div>\n</form>";
  SendPage(ctx, res, page);
}

std::vector<std::string> SplitUnits(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : text + ",") {
    if (c == ',' || c == ' ' || c == ';' || c == '\n' || c == '\r' || c == '\t') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// The first unit of `units` that is neither in the database nor in the results; "" when all are.
std::string UnknownUnit(Context& ctx, store::Database& db, const std::vector<std::string>& units) {
  const metrics::MeasureCube* cube = ctx.snapshot().cube.get();
  auto known = db.UnitKeys();
  for (const std::string& u : units) {
    bool found = known.ok() && std::binary_search(known->begin(), known->end(), u);
    if (!found && !(cube && cube->FindUnit(u) >= 0)) return u;
  }
  return "";
}

// A store's message as a sentence: "en leder må …" → "En leder må ….".
std::string Sentence(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 32);
  return text + ".";
}

// The account named in the address changed by `change` (a store operation, which also ends the
// account's sessions); the page again with `done` as the notice, or with what was wrong. The
// router writes the audit entry with the change, or keeps neither.
void ChangeAccount(
    Context& ctx, Response& res, const std::string& done, const std::string& detail,
    const std::function<core::Result<store::UserRecord>(store::Database&, const std::string&)>&
        change) {
  const std::string name = ctx.match(1);
  store::Database* db = ctx.db();
  if (db == nullptr) return UsersPage(ctx, res, "Databasen kunne ikke leses nå.", true, 503);
  auto changed = change(*db, name);
  if (!changed.ok()) {
    const bool missing = changed.error().code() == core::ErrorCode::kNotFound;
    return UsersPage(ctx, res, Escape(Sentence(changed.error().message())), true,
                     missing ? 404 : 400);
  }
  ctx.AuditObject(name, detail);
  std::string notice = "Brukeren «" + Escape(name) + "» " + done;
  if (ctx.session() && ctx.session()->user == name) {
    notice += " Det gjelder deg også: du må logge inn igjen.";
  }
  UsersPage(ctx, res, notice, false, 200);
}

}  // namespace

void ShowUsers(Context& ctx, Response& res) { UsersPage(ctx, res, "", false, 200); }

void DisableUserForm(Context& ctx, Response& res) {
  ChangeAccount(
      ctx, res, "er deaktivert og logget ut overalt.", "",
      [](store::Database& db, const std::string& name) { return db.SetUserDisabled(name, true); });
}

void EnableUserForm(Context& ctx, Response& res) {
  ChangeAccount(
      ctx, res, "kan logge inn igjen.", "",
      [](store::Database& db, const std::string& name) { return db.SetUserDisabled(name, false); });
}

void EndSessionsForm(Context& ctx, Response& res) {
  ChangeAccount(ctx, res, "er logget ut overalt.", "",
                [](store::Database& db, const std::string& name) { return db.EndSessions(name); });
}

void ChangeRoleForm(Context& ctx, Response& res) {
  const auto role = core::ParseRole(ctx.form_param("rolle"));
  const std::vector<std::string> units = SplitUnits(ctx.form_param("enheter"));
  auto fail = [&](const std::string& message) { UsersPage(ctx, res, Escape(message), true, 400); };
  if (!role) return fail("Velg en rolle.");
  store::Database* db = ctx.db();
  if (db == nullptr) return fail("Databasen kunne ikke leses nå.");
  if (std::string unknown = UnknownUnit(ctx, *db, units); !unknown.empty()) {
    return fail("Ukjent enhet «" + unknown + "».");
  }
  std::string detail(core::RoleKey(*role));
  std::string listed;
  for (const std::string& u : units) {
    detail += " " + u;
    listed += (listed.empty() ? "" : ", ") + u;
  }
  ChangeAccount(ctx, res,
                "har nå rollen " + std::string(core::RoleLabel(*role)) +
                    (listed.empty() ? "" : " for " + Escape(listed)) + " og er logget ut overalt.",
                detail, [&](store::Database& store, const std::string& name) {
                  return store.SetUserRole(name, std::string(core::RoleKey(*role)), units);
                });
}

void AddUserForm(Context& ctx, Response& res) {
  std::string name = ctx.param("navn");
  auto role = core::ParseRole(ctx.param("rolle"));
  std::vector<std::string> units = SplitUnits(ctx.param("enheter"));
  std::string password = ctx.param("passord");
  auto fail = [&](const std::string& message) { UsersPage(ctx, res, Escape(message), true, 400); };
  if (name.empty() || name.size() > 64 || name.find_first_of(" \t\r\n<>\"'") != std::string::npos ||
      !core::ControlCharacterIn(name).empty()) {
    return fail(
        "Brukernavnet må ha 1–64 tegn uten mellomrom, anførselstegn, < > eller kontrolltegn.");
  }
  if (!role) return fail("Velg en rolle.");
  if (*role == core::Role::kLeader && units.empty()) {
    return fail("En leder må ha minst én egen enhet.");
  }
  if (*role != core::Role::kLeader && !units.empty()) {
    return fail("Bare ledere har egne enheter; la feltet stå tomt for andre roller.");
  }
  store::Database* db = ctx.db();
  if (db == nullptr) return fail("Databasen kunne ikke leses nå.");
  if (std::string unknown = UnknownUnit(ctx, *db, units); !unknown.empty()) {
    return fail("Ukjent enhet «" + unknown + "».");
  }
  bool generated = password.empty();
  if (generated) password = store::RandomPassword();
  if (password.size() < 12) return fail("Passordet må ha minst 12 tegn.");
  auto hash = store::HashPassword(password);
  if (!hash) return fail("Passordet kunne ikke lagres (for lite minne).");
  store::UserRecord user;
  user.name = name;
  user.role = std::string(core::RoleKey(*role));
  user.password_hash = *hash;
  user.created_at = ctx.clock().NowUtc();
  user.units = units;
  auto added = db->AddUser(user);
  if (!added.ok()) return fail(added.error().message());
  ctx.AuditObject(name, user.role);
  std::string notice = "Brukeren «" + Escape(name) + "» er lagt til.";
  if (generated) {
    notice += " Passordet er <code>" + Escape(password) +
              "</code>. Det vises bare nå; gi det til brukeren på en trygg måte.";
  }
  ctx.services().snapshots->Invalidate();
  UsersPage(ctx, res, notice, false, 200);
}

void ShowAuditLog(Context& ctx, Response& res) {
  Page page;
  page.title = "Logg";
  page.nav = "logg";
  store::Database* db = ctx.db();
  if (db == nullptr) return SendError(ctx, res, 503, "Databasen kunne ikke leses nå.");
  auto log = db->AuditLog(500);
  if (!log.ok()) return SendError(ctx, res, 503, "Loggen kunne ikke leses nå.");
  std::string& b = page.body;
  b += "<p class=\"lead\">Alle endringer og alle visninger av opplysninger om enkeltpersoner, "
       "nyeste først. Loggen kan ikke endres eller slettes, heller ikke av administratorer.</p>\n";
  b += "<div class=\"table-wrap\"><table class=\"data\"><caption>De siste " +
       std::to_string(log->size()) +
       " hendelsene</caption><thead><tr><th scope=\"col\">Tid (UTC)</th><th scope=\"col\">Hvem"
       "</th><th scope=\"col\">Hva</th><th scope=\"col\">Gjelder</th><th scope=\"col\">Detaljer"
       "</th></tr></thead><tbody>\n";
  for (const store::AuditEntry& e : *log) {
    std::string at = e.at;
    if (at.size() >= 19) at = at.substr(0, 10) + " " + at.substr(11, 8);
    b += "<tr><td>" + Escape(at) + "</td><td>" + Escape(e.actor) + "</td><td>" + Escape(e.action) +
         "</td><td>" + Escape(e.object) + "</td><td>" + Escape(e.detail) + "</td></tr>\n";
  }
  b += "</tbody></table></div>";
  SendPage(ctx, res, page);
}

}  // namespace agp::web
