#include "web/routes.h"

#include <exception>

#include "web/forms.h"
#include "web/html.h"
#include "web/pages.h"

namespace agp::web {

const std::vector<Route>& Routes() {
  using A = Access;
  // Paths are Norwegian words, as the users see them in the address bar.
  static const std::vector<Route> kRoutes = {
      {"GET", "/logg-inn", A::kAnyone, "", ShowLogin},
      {"POST", "/logg-inn", A::kAnyone, "", LogIn},
      {"POST", "/logg-ut", A::kSignedIn, "", LogOut},
      {"GET", "/", A::kSignedIn, "", ShowOverview},
      {"GET", "/oppgaver", A::kSignedIn, "", ShowTasks},
      {"POST", "/oppgaver/registrer", A::kLeader, "followup.record", RecordFollowup},
      {"GET", "/tiltak", A::kSignedIn, "", ShowMeasures},
      {"GET", "/tiltak/([^/]+)/([^/]+)", A::kSignedIn, "", ShowMeasure},
      {"POST", "/tiltak/([^/]+)/([^/]+)/oppdater", A::kLeader, "measure.update", UpdateMeasureForm},
      {"POST", "/tiltak/([^/]+)/([^/]+)/dokumentasjon", A::kLeader, "measure.evidence.add",
       AddEvidenceForm},
      {"GET", "/tiltak/([^/]+)/([^/]+)/dokumentasjon/([0-9]{1,18})", A::kSignedIn, "",
       DownloadEvidence},
      {"POST", "/tiltak/([^/]+)/([^/]+)/dokumentasjon/([0-9]{1,18})/trekk-tilbake", A::kLeader,
       "measure.evidence.withdraw", WithdrawEvidenceForm},
      {"GET", "/mal/([^/]+)/([^/]+)", A::kSignedIn, "", ShowGoal},
      {"POST", "/mal/([^/]+)/([^/]+)/tiltak", A::kLeader, "measure.add", AddLocalMeasureForm},
      {"POST", "/mal/([^/]+)/([^/]+)/vurdering", A::kAdmin, "assessment.add", AddAssessment},
      {"GET", "/heltid", A::kParties, "", ShowHeltid},
      {"GET", "/heltid/([^/]+)", A::kParties, "", ShowHeltidUnit},
      {"GET", "/heltid/([^/]+)/plan", A::kLeader, "", ShowPlanEditor},
      {"POST", "/heltid/([^/]+)/plan", A::kLeader, "staffing.plan", SavePlanForm},
      {"POST", "/heltid/([^/]+)/turnus", A::kLeader, "staffing.rota", MakeRotaForm,
       AuditWrite::kByHandler},
      {"GET", "/heltid/([^/]+)/turnus/([0-9]{1,18})\\.(csv|xlsx|pdf)", A::kParties, "",
       DownloadRota},
      {"GET", "/heltid/([^/]+)/turnus/([0-9]{1,18})", A::kParties, "", ShowRota},
      {"GET", "/enheter", A::kSignedIn, "", ShowUnits},
      {"GET", "/enheter/([^/]+)", A::kSignedIn, "", ShowUnit},
      {"GET", "/enheter/([^/]+)/ansatte", A::kLeader, "", ShowIndividuals},
      {"GET", "/indikatorer", A::kSignedIn, "", ShowIndicators},
      {"GET", "/indikatorer/([a-z0-9_]+)\\.csv", A::kSignedIn, "", DownloadIndicatorCsv},
      {"GET", "/indikatorer/([a-z0-9_]+)\\.xlsx", A::kSignedIn, "", DownloadIndicatorXlsx},
      {"GET", "/indikatorer/([a-z0-9_]+)", A::kSignedIn, "", ShowIndicator},
      {"GET", "/import", A::kAdmin, "", ShowImport},
      {"POST", "/import", A::kAdmin, "import.check", UploadImport, AuditWrite::kAfter},
      {"GET", "/import/([A-Za-z0-9_-]+)", A::kAdmin, "", ShowImportJob},
      {"POST", "/import/([A-Za-z0-9_-]+)/bekreft", A::kAdmin, "import", ConfirmImport},
      {"GET", "/policy", A::kSignedIn, "", ShowPolicies},
      {"POST", "/policy/maler", A::kAdmin, "policy.load", LoadPolicyTemplate},
      {"GET", "/policy/([^/]+)", A::kSignedIn, "", ShowPolicy},
      {"POST", "/policy/([^/]+)/noder/([^/]+)", A::kAdmin, "policy.edit", EditPolicyNode},
      {"GET", "/rapporter", A::kSignedIn, "", ShowReports},
      {"GET", "/rapporter/fil", A::kSignedIn, "", DownloadReport},
      {"GET", "/brukere", A::kAdmin, "", ShowUsers},
      {"POST", "/brukere", A::kAdmin, "user.add", AddUserForm},
      {"POST", "/brukere/([^/]+)/deaktiver", A::kAdmin, "user.disable", DisableUserForm},
      {"POST", "/brukere/([^/]+)/aktiver", A::kAdmin, "user.enable", EnableUserForm},
      {"POST", "/brukere/([^/]+)/rolle", A::kAdmin, "user.role", ChangeRoleForm},
      {"POST", "/brukere/([^/]+)/logg-ut", A::kAdmin, "user.logout", EndSessionsForm},
      {"GET", "/logg", A::kAdmin, "", ShowAuditLog},
  };
  return kRoutes;
}

bool Allows(Access access, core::Role role) {
  switch (access) {
    case Access::kAnyone:
    case Access::kSignedIn:
      return true;
    case Access::kLeader:
      return role == core::Role::kLeader || role == core::Role::kAdmin;
    case Access::kParties:
      return role == core::Role::kLeader || role == core::Role::kAdmin ||
             role == core::Role::kUnion;
    case Access::kAdmin:
      return role == core::Role::kAdmin;
  }
  return false;
}

std::string CookieValue(const httplib::Request& req, const std::string& name) {
  std::string header = req.get_header_value("Cookie");
  size_t at = 0;
  while (at < header.size()) {
    size_t end = header.find(';', at);
    if (end == std::string::npos) end = header.size();
    std::string_view part(header.data() + at, end - at);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.size() > name.size() && part.substr(0, name.size()) == name &&
        part[name.size()] == '=') {
      return std::string(part.substr(name.size() + 1));
    }
    at = end + 1;
  }
  return "";
}

Router::Router(Services& services) : services_(services) {
  for (const Route& r : Routes()) {
    bool literal =
        std::string_view(r.pattern).find_first_of("()[]\\.*+?^$|{}") == std::string_view::npos;
    routes_.push_back({&r, literal, literal ? std::regex() : std::regex(r.pattern)});
  }
}

namespace {

// A POST from another site: its Origin (or Referer) names another host.
bool CrossSite(const httplib::Request& req) {
  std::string origin = req.get_header_value("Origin");
  if (origin.empty()) origin = req.get_header_value("Referer");
  if (origin.empty() || origin == "null") return !origin.empty();
  std::string host = req.get_header_value("Host");
  size_t scheme = origin.find("://");
  if (scheme == std::string::npos) return true;
  std::string rest = origin.substr(scheme + 3);
  rest = rest.substr(0, rest.find('/'));
  return rest != host;
}

}  // namespace

void Router::Handle(const httplib::Request& req, httplib::Response& res,
                    const std::vector<SpooledFile>* spooled) {
  Context ctx(req, services_);
  if (spooled != nullptr) ctx.spooled_ = spooled;
  try {
    // Who asks and what the data are, first: error pages show the menu and the footer too. The
    // session is checked against the account as the database has it now, for every request: a
    // disabled account, a new role or "log out everywhere" count from the next request on.
    const AccountReader read_account =
        [&ctx](const std::string& user) -> core::Result<std::optional<store::UserRecord>> {
      store::Database* db = ctx.db();
      if (db == nullptr) return core::Error(core::ErrorCode::kIo, "the database cannot be opened");
      return db->FindUser(user);
    };
    auto session =
        FindCurrentSession(*services_.sessions, CookieValue(req, kSessionCookie), read_account);
    if (!session.ok()) {
      SendError(ctx, res, 503, "Databasen kunne ikke leses nå. Prøv igjen om litt.");
      return;
    }
    ctx.set_session(std::move(session).value());
    auto snap = services_.snapshots->Current();
    if (snap.ok()) ctx.set_snapshot(*snap);
    const Compiled* found = nullptr;
    bool path_known = false;
    const std::string raw_path = RawPath(req);  // groups are decoded once, by ctx.match
    for (const Compiled& c : routes_) {
      std::smatch m;
      if (c.literal ? req.path != c.route->pattern : !std::regex_match(raw_path, m, c.regex))
        continue;
      path_known = true;
      if (req.method == c.route->method ||
          (req.method == "HEAD" && std::string(c.route->method) == "GET")) {
        found = &c;
        const_cast<httplib::Request&>(req).matches = m;
        break;
      }
    }
    if (found == nullptr) {
      if (path_known) res.set_header("Allow", "GET, POST");
      SendError(
          ctx, res, path_known ? 405 : 404,
          path_known ? "Denne adressen tar ikke imot slike forespørsler." : "Siden finnes ikke.");
      return;
    }
    const Route& route = *found->route;
    if (route.access != Access::kAnyone) {
      if (!ctx.signed_in()) {
        std::string next = req.method == "GET" ? "?neste=" + UrlEncode(req.target) : "";
        SendRedirect(res, "/logg-inn" + next);
        return;
      }
      if (!Allows(route.access, ctx.session()->role)) {
        SendError(ctx, res, 403, "Du har ikke tilgang til denne siden med din rolle.");
        return;
      }
    }
    if (req.method == "POST") {
      ctx.form_ = ParseForm(req);
      if (CrossSite(req)) {
        SendError(ctx, res, 403, "Skjemaet kom fra en annen nettside og ble avvist.");
        return;
      }
      if (ctx.signed_in() && route.access != Access::kAnyone &&
          !TokensEqual(ctx.form_param("csrf"), ctx.session()->csrf)) {
        SendError(ctx, res, 403,
                  "Skjemaet var utløpt eller ugyldig. Gå tilbake, last siden på nytt og prøv "
                  "igjen.",
                  "Skjemaet er utløpt");
        return;
      }
    }
    if (!ctx.has_snapshot()) {
      SendError(ctx, res, 503, "Databasen kunne ikke leses nå. Prøv igjen om litt.");
      return;
    }
    if (req.method != "POST" || route.audit[0] == '\0' || !ctx.signed_in()) {
      route.handler(ctx, res);
      return;
    }
    store::Database* db = ctx.db();
    if (db == nullptr) {
      SendError(ctx, res, 503, "Databasen kunne ikke åpnes nå. Prøv igjen om litt.");
      return;
    }
    ctx.audit_action_ = route.audit;
    auto append_audit = [&]() -> core::Status { return ctx.AppendAudit(); };
    core::Status done = core::Ok{};
    if (route.audit_write == AuditWrite::kByHandler) {
      route.handler(ctx, res);
      if (res.status < 400 && !ctx.committed_) {
        done = core::Error(core::ErrorCode::kInternal, "the handler did not commit");
      }
    } else if (route.audit_write == AuditWrite::kAfter) {
      // Long work that writes nothing: no transaction holds the write lock while it runs.
      route.handler(ctx, res);
      if (res.status >= 400) return;
      done = append_audit();
      if (!done.ok() && ctx.undo_) ctx.undo_();
    } else {
      // The handler's writes and the audit entry commit together or not at all.
      done = db->Atomically([&]() -> core::Status {
        route.handler(ctx, res);
        if (res.status >= 400) {
          return core::Error(core::ErrorCode::kInvalidInput, "refused");  // nothing is kept
        }
        return append_audit();
      });
    }
    services_.snapshots->Invalidate();
    if (!done.ok() && res.status < 400) {
      res = httplib::Response();
      SendError(ctx, res, 500,
                "Endringen ble ikke lagret fordi den ikke kunne skrives i loggen. Prøv igjen.");
    }
  } catch (const std::exception&) {
    res = httplib::Response();
    SendError(ctx, res, 500, "Noe gikk galt på tjeneren. Feilen er ikke din; prøv igjen.");
  }
}

}  // namespace agp::web
