// Helpers shared by the web layer's tests: reading fixtures and signing in over loopback as a
// browser does (GET the login form, POST it with its token and cookie).
#pragma once

#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace agp::web::testing {

inline std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The text between the first `before` and the next `after`; "" when either is missing.
inline std::string Between(const std::string& text, const std::string& before,
                           const std::string& after) {
  size_t a = text.find(before);
  if (a == std::string::npos) return "";
  a += before.size();
  size_t b = text.find(after, a);
  return b == std::string::npos ? "" : text.substr(a, b - a);
}

struct SignIn {
  int status = 0;      // of the login POST: 303 when it worked
  std::string cookie;  // "agp_session=…", "" when it did not
};

// Logs in through the form; `next` is where the server should send the browser afterwards.
inline SignIn LogInThroughForm(httplib::Client& c, const std::string& name,
                               const std::string& password, const std::string& next = "/") {
  SignIn out;
  auto form = c.Get("/logg-inn");
  if (!form) return out;
  const std::string login_cookie = Between(form->get_header_value("Set-Cookie"), "agp_login=", ";");
  auto res = c.Post(
      "/logg-inn", {{"Cookie", "agp_login=" + login_cookie}},
      httplib::Params{{"login_token", Between(form->body, "name=\"login_token\" value=\"", "\"")},
                      {"navn", name},
                      {"passord", password},
                      {"neste", next}});
  if (!res) return out;
  out.status = res->status;
  const std::string set = res->get_header_value("Set-Cookie");
  if (set.rfind("agp_session=", 0) == 0) out.cookie = set.substr(0, set.find(';'));
  return out;
}

}  // namespace agp::web::testing
