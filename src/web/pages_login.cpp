// Logging in and out (DESIGN §6): Argon2id passwords, a random session token in an HttpOnly,
// SameSite=Strict cookie, rate-limited attempts, and a CSRF token on the login form too (a
// double-submit cookie, since there is no session yet).
#include "store/passwords.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/routes.h"

namespace agp::web {

namespace {

constexpr const char* kLoginCookie = "agp_login";

// Only paths on this site, so that a link cannot send a user elsewhere after login: "/" followed
// by a printable character other than "/" and "\\" (browsers read "/\\", "//" and "/<tab>/" as
// another host), and printable ASCII only (agp's own paths are ASCII). `next` is decoded already
// (httplib decodes parameters once).
std::string SafeNext(const std::string& next) {
  if (next.empty() || next[0] != '/') return "/";
  for (unsigned char c : next) {
    if (c < 0x20 || c >= 0x7f) return "/";
  }
  if (next.size() > 1 && (next[1] == '/' || next[1] == '\\' || next[1] == ' ')) return "/";
  return next;
}

void LoginPage(Context& ctx, Response& res, int status, const std::string& message) {
  std::string token = CookieValue(ctx.request(), kLoginCookie);
  if (token.size() != 43) {
    token = RandomToken();
    res.set_header("Set-Cookie", std::string(kLoginCookie) + "=" + token +
                                     "; Path=/logg-inn; HttpOnly; SameSite=Strict");
  }
  Page page;
  page.title = "Logg inn";
  page.status = status;
  std::string& b = page.body;
  b += "<div class=\"login\">\n";
  b += "<p class=\"lead\">agp viser hvordan arbeidsgiverpolitikken virker: mål, tall og tiltak "
       "for hele kommunen og hver enhet.</p>\n";
  if (!message.empty()) {
    b += "<p class=\"notice notice-error\" role=\"alert\">" + Escape(message) + "</p>\n";
  }
  b += "<form class=\"stack\" method=\"post\" action=\"/logg-inn\">\n";
  b += "<input type=\"hidden\" name=\"login_token\" value=\"" + Escape(token) + "\">\n";
  b += "<input type=\"hidden\" name=\"neste\" value=\"" + Escape(SafeNext(ctx.param("neste"))) +
       "\">\n";
  b += "<div class=\"field\"><label for=\"navn\">Brukernavn</label>"
       "<input type=\"text\" id=\"navn\" name=\"navn\" autocomplete=\"username\" required "
       "value=\"" +
       Escape(ctx.param("navn")) + "\"></div>\n";
  b += "<div class=\"field\"><label for=\"passord\">Passord</label>"
       "<input type=\"password\" id=\"passord\" name=\"passord\" "
       "autocomplete=\"current-password\" required></div>\n";
  b += "<div class=\"actions\"><button type=\"submit\" class=\"primary\">Logg inn</button></div>\n";
  b += "</form>\n</div>";
  SendPage(ctx, res, page);
}

}  // namespace

void ShowLogin(Context& ctx, Response& res) {
  if (ctx.signed_in()) {
    SendRedirect(res, "/");
    return;
  }
  LoginPage(ctx, res, 200, "");
}

void LogIn(Context& ctx, Response& res) {
  std::string cookie = CookieValue(ctx.request(), kLoginCookie);
  if (!TokensEqual(cookie, ctx.form_param("login_token"))) {
    LoginPage(ctx, res, 403,
              "Innloggingsskjemaet var utløpt. Skriv inn brukernavn og passord på nytt.");
    return;
  }
  std::string name = ctx.param("navn");
  const ServeOptions& options = ctx.services().options;
  const DeviceCookies& devices = *ctx.services().devices;
  const std::string device_cookie = CookieValue(ctx.request(), DeviceCookies::kName);
  LoginAttempt attempt{
      name,
      ClientAddress(ctx.request().remote_addr, ctx.request().get_header_value("X-Forwarded-For"),
                    options.trusted_proxies),
      devices.DeviceFor(device_cookie, name)};
  LoginLimiter& limiter = *ctx.services().limiter;
  if (int wait = limiter.SecondsToWait(attempt); wait > 0) {
    res.set_header("Retry-After", std::to_string(wait));
    LoginPage(ctx, res, 429,
              "For mange mislykkede forsøk. Vent " + std::to_string((wait + 59) / 60) +
                  " minutter før du prøver igjen.");
    return;
  }
  store::Database* db = ctx.db();
  if (db == nullptr) {
    SendError(ctx, res, 503, "Databasen kunne ikke leses nå. Prøv igjen om litt.");
    return;
  }
  auto user = db->FindUser(name);
  bool ok = false;
  if (user.ok() && user->has_value() && !(*user)->disabled) {
    ok = store::VerifyPassword(ctx.param("passord"), (*user)->password_hash);
  } else {
    // The same work for an unknown name, so that timing does not tell which names exist.
    static const std::string kDummy = store::HashPassword("agp-dummy").value_or("");
    store::VerifyPassword(ctx.param("passord"), kDummy);
  }
  if (!ok) {
    limiter.Failed(attempt);
    LoginPage(ctx, res, 401, "Feil brukernavn eller passord.");
    return;
  }
  limiter.Succeeded(attempt);
  Session session;
  session.user = (*user)->name;
  session.role = core::ParseRole((*user)->role).value_or(core::Role::kViewer);
  session.units = (*user)->units;
  session.epoch = (*user)->session_epoch;
  std::string token = ctx.services().sessions->Create(session);
  res.set_header("Set-Cookie",
                 std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict");
  // This browser is known for this account from now on (login_limiter.h), for half a year.
  const std::string known = devices.AfterLogin(device_cookie, session.user);
  if (known != device_cookie) {
    res.set_header("Set-Cookie",
                   std::string(DeviceCookies::kName) + "=" + known +
                       "; Path=/logg-inn; Max-Age=15552000; HttpOnly; SameSite=Strict");
  }
  store::AuditEntry entry{0, ctx.clock().NowUtc(), session.user, "login", session.user, ""};
  if (!db->AppendAudit(entry).ok()) {  // no session without its audit entry
    ctx.services().sessions->Remove(token);
    res = Response();
    return SendError(ctx, res, 503, "Innloggingen kunne ikke skrives i loggen. Prøv igjen.");
  }
  // A leader's first page is the week's work (DESIGN §10), unless they came for another page.
  const std::string next = ctx.param("neste");
  const bool anywhere = next.empty() || next == "/";
  SendRedirect(res, anywhere && session.role == core::Role::kLeader ? "/oppgaver" : SafeNext(next));
}

void LogOut(Context& ctx, Response& res) {
  ctx.services().sessions->Remove(CookieValue(ctx.request(), kSessionCookie));
  res.set_header("Set-Cookie",
                 std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
  SendRedirect(res, "/logg-inn");
}

}  // namespace agp::web
