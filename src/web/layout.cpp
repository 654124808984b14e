// The common layout of every page (WCAG 2.1 AA: language nb, a skip link, landmarks, one h1,
// the current menu item marked with aria-current) and the other ways to answer.
#include <string>

#include "web/context.h"
#include "web/html.h"
#include "web/results_refresher.h"

namespace agp::web {

namespace {

struct MenuItem {
  const char* key;
  const char* label;
  const char* href;
  bool admin_only;
  bool parties_only = false;  // not for viewers (routes.h, Access::kParties)
};

constexpr MenuItem kMenu[] = {
    {"oversikt", "Oversikt", "/", false},
    {"oppgaver", "Mine oppgaver", "/oppgaver", false},
    {"tiltak", "Tiltak", "/tiltak", false},
    {"policy", "Policy", "/policy", false},
    {"heltid", "Heltid", "/heltid", false, true},
    {"enheter", "Enheter", "/enheter", false},
    {"indikatorer", "Indikatorer", "/indikatorer", false},
    {"rapporter", "Rapporter", "/rapporter", false},
    {"import", "Import", "/import", true},
    {"brukere", "Brukere", "/brukere", true},
    {"logg", "Logg", "/logg", true},
};

void SetCommonHeaders(httplib::Response& res) { res.set_header("Cache-Control", "no-store"); }

}  // namespace

std::string CsrfField(const Context& ctx) {
  if (!ctx.session()) return "";
  return "<input type=\"hidden\" name=\"csrf\" value=\"" + Escape(ctx.session()->csrf) + "\">";
}

void SendPage(Context& ctx, httplib::Response& res, const Page& page) {
  std::string out;
  // Cached bodies were finished when they were rendered (Snapshot::Cached callers do that).
  std::string finished;
  const std::string* body_ptr = page.cached_body.get();
  if (body_ptr == nullptr) {
    finished = AccessibleTables(page.body);
    body_ptr = &finished;
  }
  const std::string& body = *body_ptr;
  out.reserve(body.size() + 4096);
  out +=
      "<!doctype html>\n<html lang=\"nb\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
  AppendEscaped(out, page.title);
  out +=
      " – agp</title>\n<link rel=\"stylesheet\" href=\"/static/agp.css\">\n<link rel=\"icon\" "
      "href=\"data:,\">\n"
      "<script src=\"/static/d3.min.js\" defer></script>\n"
      "<script src=\"/static/charts.js\" defer></script>\n</head>\n<body>\n"
      "<a class=\"skip-link\" href=\"#main\">Hopp til innholdet</a>\n<header class=\"site\">\n"
      "<div class=\"brand\"><a href=\"/\">agp</a> <span>";
  std::string organisation = "Arbeidsgiverpolitikk i praksis";
  if (ctx.has_snapshot() && ctx.snapshot().cube && ctx.snapshot().cube->unit_count() > 0) {
    organisation = ctx.snapshot().cube->units()[0].name;
  }
  AppendEscaped(out, organisation);
  out += "</span></div>\n";
  if (ctx.signed_in()) {
    out += "<nav class=\"main-nav\" aria-label=\"Hovedmeny\"><ul>";
    for (const MenuItem& item : kMenu) {
      if (item.admin_only && !ctx.is_admin()) continue;
      if (item.parties_only && ctx.session()->role == core::Role::kViewer) continue;
      out += "<li><a href=\"";
      out += item.href;
      out += "\"";
      if (page.nav == item.key) out += " aria-current=\"page\"";
      out += ">";
      out += item.label;
      out += "</a></li>";
    }
    out += "</ul></nav>\n<div class=\"user-box\"><span class=\"user-name\">";
    AppendEscaped(out, ctx.session()->user);
    out += "</span> <span class=\"role\">(";
    out += core::RoleLabel(ctx.session()->role);
    out += ")</span> <form class=\"inline\" method=\"post\" action=\"/logg-ut\">";
    out += CsrfField(ctx);
    out += "<button type=\"submit\" class=\"secondary\">Logg ut</button></form></div>\n";
  }
  out += "</header>\n<main id=\"main\">\n";
  if (!page.breadcrumbs.empty()) {
    out += "<nav class=\"breadcrumbs\" aria-label=\"Brødsmulesti\"><ol>";
    for (const auto& [label, href] : page.breadcrumbs) {
      out += "<li><a href=\"" + Escape(href) + "\">";
      AppendEscaped(out, label);
      out += "</a></li>";
    }
    out += "<li aria-current=\"page\">";
    AppendEscaped(out, page.title);
    out += "</li></ol></nav>\n";
  }
  if (ctx.has_snapshot() && ctx.snapshot().stale && ctx.signed_in()) {
    const Snapshot& snap = ctx.snapshot();
    const ResultsRefresher* refresher = ctx.services().refresher;
    const bool failed = refresher != nullptr && refresher->failed_version() == snap.data_version;
    const std::string shown = snap.cube ? "viser sidene tallene fra dataversjon " +
                                              std::to_string(snap.results_version) + "."
                                        : "finnes det ingen tall å vise.";
    if (failed) {
      out +=
          "<p class=\"notice notice-error\" role=\"alert\">Tallene kunne ikke beregnes på "
          "nytt etter siste import (dataversjon " +
          std::to_string(snap.data_version) + "), så " + shown +
          " Be driftsansvarlig se i tjenerens logg og kjøre <code>agp recompute</code>.</p>\n";
    } else {
      out +=
          "<p class=\"notice notice-info\" role=\"status\">Tallene beregnes på nytt etter "
          "siste import (dataversjon " +
          std::to_string(snap.data_version) + "). Til det er ferdig, " + shown + "</p>\n";
    }
  }
  out += "<h1>";
  AppendEscaped(out, page.title);
  out += "</h1>\n";
  out += body;
  out += "\n</main>\n<footer class=\"site\"><p>";
  if (ctx.signed_in() && ctx.has_snapshot()) {
    const Snapshot& snap = ctx.snapshot();
    if (snap.last_import) {
      out += "Data fra importen " + Escape(DateLabel(snap.last_import->imported_at.substr(0, 10))) +
             " (dataversjon " + std::to_string(snap.last_import->data_version) + ")";
    } else {
      out += "Ingen data er importert ennå";
    }
    if (!snap.computed_at.empty()) {
      out += ", indikatorer beregnet " + Escape(DateLabel(snap.computed_at.substr(0, 10)));
    }
    out += ". Små grupper (under " + std::to_string(ctx.services().options.min_group) +
           " personer) vises ikke for roller uten innsyn i enkeltpersoner.";
  } else {
    out += "agp – arbeidsgiverpolitikk i praksis.";
  }
  out += "</p></footer>\n</body>\n</html>\n";
  SetCommonHeaders(res);
  res.status = page.status;
  res.set_content(std::move(out), "text/html; charset=utf-8");
}

void SendRedirect(httplib::Response& res, const std::string& to) {
  res.status = 303;
  res.set_header("Location", to);
  res.set_header("Cache-Control", "no-store");
}

void SendError(Context& ctx, httplib::Response& res, int status, const std::string& message,
               const std::string& title) {
  Page page;
  page.status = status;
  switch (status) {
    case 403:
      page.title = "Ingen tilgang";
      break;
    case 404:
      page.title = "Fant ikke siden";
      break;
    case 405:
      page.title = "Ikke tillatt";
      break;
    case 429:
      page.title = "For mange forsøk";
      break;
    case 400:
      page.title = "Noe mangler i skjemaet";
      break;
    default:
      page.title = "Noe gikk galt";
  }
  if (!title.empty()) page.title = title;
  page.body = "<p class=\"notice notice-error\">" + Escape(message) + "</p>\n<p><a href=\"/\">" +
              std::string(ctx.signed_in() ? "Til oversikten" : "Til innloggingen") + "</a></p>";
  SendPage(ctx, res, page);
}

}  // namespace agp::web
