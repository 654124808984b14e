// Import (admins only, DESIGN §3): upload a package, see the check (every problem with its place),
// confirm, follow the import's progress, see what was imported. The work is done by ImportJobs
// (import_jobs.h); web/static/import.js refreshes the progress while an import runs, and the page
// works without it (an "Oppdater" link).
#include <filesystem>
#include <string>
#include <vector>

#include "ingest/package_schema.h"
#include "web/html.h"
#include "web/import_jobs.h"
#include "web/pages.h"

namespace agp::web {

namespace {

using State = ImportJob::State;
using Phase = ImportJob::Phase;

// "2025-01-15T12:04:05Z" → "15. januar 2025 kl. 12.04".
std::string TimeLabel(const std::string& utc) {
  if (utc.size() < 16) return utc;
  return DateLabel(utc.substr(0, 10)) + " kl. " + utc.substr(11, 2) + "." + utc.substr(14, 2);
}

std::string Count(int64_t n) { return Num(static_cast<double>(n), 0); }

// What an HR adviser knows a file by ("Enhetene").
const char* FileContents(ingest::FileKind kind) {
  switch (kind) {
    case ingest::FileKind::kUnits:
      return "Enhetene i organisasjonen, som et tre under kommunen";
    case ingest::FileKind::kEmployees:
      return "De ansatte, med kjønn og fødselsår";
    case ingest::FileKind::kPositions:
      return "Stillingsforholdene, én rad per periode";
    case ingest::FileKind::kAbsence:
      return "Fraværet, med sykmeldinger";
    case ingest::FileKind::kPay:
      return "Lønn";
    case ingest::FileKind::kDialogues:
      return "Medarbeidersamtaler";
    case ingest::FileKind::kFollowup:
      return "Oppfølging av sykmeldte";
  }
  return "";
}

std::string ColumnTable() {
  std::string b;
  b += "<div class=\"table-wrap\"><table class=\"data\"><caption>Filene i en pakke og kolonnene "
       "deres</caption><thead><tr><th scope=\"col\">Fil</th><th scope=\"col\">Innhold</th>"
       "<th scope=\"col\">Må være med</th><th scope=\"col\">Kolonner som må fylles ut</th>"
       "<th scope=\"col\">Kolonner som kan være med</th></tr></thead><tbody>\n";
  for (const ingest::FileSpec& spec : ingest::PackageFiles()) {
    std::string required, optional;
    for (const ingest::ColumnSpec& c : spec.columns) {
      std::string& list = c.required ? required : optional;
      if (!list.empty()) list += ", ";
      list += "<code>" + Escape(c.name) + "</code>";
    }
    b += "<tr><th scope=\"row\"><code>" + Escape(spec.name) + ".csv</code></th><td>" +
         FileContents(spec.kind) + "</td><td>" + (spec.optional ? "nei" : "ja") + "</td><td>" +
         required + "</td><td>" + (optional.empty() ? "–" : optional) + "</td></tr>\n";
  }
  b += "</tbody></table></div>\n";
  return b;
}

// "pakke.zip/units.csv" → "units.csv", "pakke.xlsx[units]" → "units": the file within the package.
std::string ShortFile(const std::string& name) {
  if (size_t open = name.rfind('['); open != std::string::npos && name.back() == ']') {
    return name.substr(open + 1, name.size() - open - 2);
  }
  size_t slash = name.rfind('/');
  return slash == std::string::npos ? name : name.substr(slash + 1);
}

// The import log counts rows per table; people know the tables by their Norwegian names.
std::string TableLabel(const std::string& table) {
  static const std::pair<const char*, const char*> kNames[] = {
      {"units", "enheter"},
      {"employees", "ansatte"},
      {"positions", "stillinger"},
      {"position_periods", "stillingsrader"},
      {"absences", "fravær"},
      {"pay", "lønn"},
      {"dialogues", "medarbeidersamtaler"},
      {"followup_events", "oppfølging"}};
  for (const auto& [key, label] : kNames) {
    if (table == key) return label;
  }
  return table;
}

// The import log's source: a path given to `agp import`, or a package uploaded here.
std::string SourceLabel(const std::string& source, const std::string& upload_dir) {
  namespace fs = std::filesystem;
  if (!upload_dir.empty() && source.rfind(upload_dir, 0) == 0) {
    std::string name = fs::path(source).filename().string();
    if (name == "csv-filer") return "CSV-filer lastet opp her";
    return name + " (lastet opp her)";
  }
  return source;
}

std::string StateText(const ImportJob& job) {
  switch (job.state) {
    case State::kChecked:
      if (job.check.report.error_count > 0) {
        return "har " + Count(job.check.report.error_count) + " feil";
      }
      return "kontrollert, venter på bekreftelse";
    case State::kRunning:
      return "importeres nå (" + Count(static_cast<int64_t>(job.progress * 100)) + " %)";
    case State::kDone:
      if (job.result && job.result->unchanged) return "uendret (samme pakke som sist)";
      return "importert" + (job.result
                                ? " (dataversjon " + Count(job.result->record.data_version) + ")"
                                : std::string());
    case State::kFailed:
      return job.started ? "importen mislyktes" : "kunne ikke leses";
  }
  return "";
}

void ImportPage(Context& ctx, Response& res, const std::string& error, int status) {
  Page page;
  page.title = "Import";
  page.nav = "import";
  page.status = status;
  store::Database* db = ctx.db();
  if (db == nullptr) return SendError(ctx, res, 503, "Databasen kunne ikke leses nå.");
  auto log = db->ImportLog();
  if (!log.ok()) return SendError(ctx, res, 503, "Importloggen kunne ikke leses nå.");
  std::vector<ImportJob> jobs = ctx.services().imports->List();

  std::string& b = page.body;
  if (!error.empty()) {
    b += "<div class=\"notice notice-error\" role=\"alert\"><p>Pakken ble ikke lastet opp: "
         "<a href=\"#pakke\">" +
         Escape(error) + "</a></p></div>\n";
  }
  for (const ImportJob& job : jobs) {
    if (job.state != State::kRunning) continue;
    b += "<p class=\"notice notice-info\">En import pågår nå: <a href=\"/import/" + job.id + "\">" +
         Escape(job.label) + "</a>, startet av " + Escape(job.confirmed_by) + ".</p>\n";
  }
  b += "<p class=\"lead\">Her leser du inn personaldata fra lønns- og personalsystemet. agp "
       "kontrollerer pakken først, uten å lagre noe, og viser alle feil og advarsler. Først når "
       "pakken er uten feil, kan du importere den.</p>\n";

  b += "<h2>Hva er en pakke?</h2>\n";
  b += "<p>En pakke er et uttrekk fra lønns- og personalsystemet: noen CSV-filer med faste navn, "
       "for eksempel <code>units.csv</code> og <code>employees.csv</code>. Du kan laste opp "
       "CSV-filene hver for seg, samlet i én .zip-fil, eller som ark med de samme navnene i én "
       "Excel-arbeidsbok (.xlsx). Se <a href=\"#kolonner\">hvilke filer og kolonner pakken skal "
       "ha</a>.</p>\n";
  b += "<p>Pakken skal ikke inneholde fødselsnumre: bruk ansattnummer eller et annet løpenummer. "
       "Pakker med noe som ligner et fødselsnummer, blir avvist.</p>\n";

  b += "<h2>Last opp en pakke</h2>\n";
  b += "<form class=\"stack\" method=\"post\" action=\"/import\" enctype=\"multipart/form-data\">" +
       CsrfField(ctx) + "\n";
  b += std::string("<div class=\"field") + (error.empty() ? "" : " has-error") +
       "\">"
       "<label for=\"pakke\">Pakke med personaldata</label>"
       "<p class=\"hint\" id=\"pakke-hint\">Velg én .zip, én .xlsx, eller CSV-filene (hold Ctrl "
       "eller Shift nede for å velge flere filer).</p>";
  if (!error.empty()) {
    b += "<p class=\"field-error\" id=\"pakke-error\">" + Escape(error) + "</p>";
  }
  b += std::string(
           "<input type=\"file\" id=\"pakke\" name=\"pakke\" multiple required "
           "accept=\".zip,.xlsx,.csv\" aria-describedby=\"pakke-hint") +
       (error.empty() ? "\"" : " pakke-error\" aria-invalid=\"true\"") + "></div>\n";
  b += "<div class=\"actions\"><button type=\"submit\" class=\"primary\">Kontroller pakken"
       "</button></div>\n</form>\n";
  b += "<p class=\"muted\">Kontrollen lagrer ingenting. Du ser resultatet før du bestemmer deg "
       "for å importere.</p>\n";

  if (!jobs.empty()) {
    b += "<h2>Opplastinger siste døgn</h2>\n";
    b += "<div class=\"table-wrap\"><table class=\"data\"><caption>Pakker lastet opp siste døgn"
         "</caption><thead><tr><th scope=\"col\">Lastet opp (UTC)</th><th scope=\"col\">Filer</th>"
         "<th scope=\"col\">Av</th><th scope=\"col\">Status</th></tr></thead><tbody>\n";
    for (const ImportJob& job : jobs) {
      b += "<tr><td>" + Escape(TimeLabel(job.uploaded_at)) + "</td><td><a href=\"/import/" +
           job.id + "\">" + Escape(job.label) + "</a></td><td>" + Escape(job.user) + "</td><td>" +
           Escape(StateText(job)) + "</td></tr>\n";
    }
    b += "</tbody></table></div>\n";
  }

  b += "<h2>Siste importer</h2>\n";
  if (log->empty()) {
    b += "<p>Ingen data er importert ennå.</p>\n";
  } else {
    const size_t shown = std::min<size_t>(log->size(), 10);
    b += "<div class=\"table-wrap\"><table class=\"data\"><caption>De " + std::to_string(shown) +
         " siste importene, nyeste først</caption><thead><tr><th scope=\"col\">Importert (UTC)"
         "</th><th scope=\"col\">Kilde</th><th scope=\"col\">Rader per fil</th>"
         "<th scope=\"col\" class=\"num\">Advarsler</th><th scope=\"col\" class=\"num\">"
         "Dataversjon</th></tr></thead><tbody>\n";
    for (size_t i = 0; i < shown; ++i) {
      const store::ImportRecord& r = (*log)[i];
      std::string counts;
      for (const auto& [file, rows] : r.counts) {
        if (!counts.empty()) counts += ", ";
        counts += Escape(TableLabel(ShortFile(file))) + ": " + Count(rows);
      }
      b += "<tr><td>" + Escape(TimeLabel(r.imported_at)) + "</td><td>" +
           Escape(SourceLabel(r.source, ctx.services().options.upload_dir)) + "</td><td>" + counts +
           "</td><td class=\"num\">" + Count(r.warnings) + "</td><td class=\"num\">" +
           Count(r.data_version) + "</td></tr>\n";
    }
    b += "</tbody></table></div>\n";
  }

  b += "<h2 id=\"kolonner\">Filer og kolonner i pakken</h2>\n";
  b += "<p>Kolonnene kan stå i hvilken som helst rekkefølge, og store og små bokstaver spiller "
       "ingen rolle. Tegnsettet kan være UTF-8 eller Windows-1252, skilletegnet komma eller "
       "semikolon, og datoer skrives 2024-03-31 eller 31.03.2024. Filer og kolonner agp ikke "
       "kjenner, gir en advarsel og blir ikke lest.</p>\n";
  b += ColumnTable();
  SendPage(ctx, res, page);
}

std::string Separator(char c) {
  switch (c) {
    case ',':
      return "komma";
    case ';':
      return "semikolon";
    case '\t':
      return "tabulator";
    case '|':
      return "loddrett strek";
    case 0:
      return "–";
  }
  return std::string("«") + c + "»";
}

std::string FileTable(const std::vector<ingest::FileSummary>& files, const std::string& caption,
                      bool with_format) {
  std::string b = "<div class=\"table-wrap\"><table class=\"data\"><caption>" + Escape(caption) +
                  "</caption><thead><tr><th scope=\"col\">Fil</th><th scope=\"col\" "
                  "class=\"num\">Rader</th>";
  if (with_format) b += "<th scope=\"col\">Tegnsett</th><th scope=\"col\">Skilletegn</th>";
  b += "</tr></thead><tbody>\n";
  for (const ingest::FileSummary& f : files) {
    b += "<tr><th scope=\"row\">" + Escape(f.name) + "</th><td class=\"num\">" + Count(f.rows) +
         "</td>";
    if (with_format) {
      b += "<td>" + (f.encoding.empty() ? std::string("–") : Escape(f.encoding)) + "</td><td>" +
           Separator(f.separator) + "</td>";
    }
    b += "</tr>\n";
  }
  b += "</tbody></table></div>\n";
  return b;
}

std::string ProblemList(const std::vector<core::Error>& list, int64_t count, const char* plural) {
  std::string b = "<ol class=\"problems\">\n";
  for (const core::Error& e : list) {
    b += "<li>";
    const std::string where = e.location().ToString();
    if (!where.empty()) b += "<code class=\"where\">" + Escape(where) + "</code> ";
    b += Escape(e.message()) + "</li>\n";
  }
  b += "</ol>\n";
  if (count > static_cast<int64_t>(list.size())) {
    b += "<p>… og " + Count(count - static_cast<int64_t>(list.size())) + " " + plural +
         " til. De første " + Count(static_cast<int64_t>(list.size())) + " er vist.</p>\n";
  }
  return b;
}

std::string Facts(const ImportJob& job) {
  std::string b = "<dl class=\"facts\"><dt>Filer</dt><dd>" + Escape(job.label) + "</dd>";
  b += "<dt>Lastet opp</dt><dd>" + Escape(TimeLabel(job.uploaded_at)) + " (UTC) av " +
       Escape(job.user) + "</dd>";
  if (job.started) b += "<dt>Importen startet av</dt><dd>" + Escape(job.confirmed_by) + "</dd>";
  b += "</dl>\n";
  return b;
}

const char* PhaseText(Phase phase) {
  switch (phase) {
    case Phase::kReading:
      return "trinn 1 av 3: leser og kontrollerer pakken";
    case Phase::kWriting:
      return "trinn 2 av 3: skriver til databasen";
    case Phase::kComputing:
      return "trinn 3 av 3: beregner indikatorene";
  }
  return "";
}

const char* StateKey(State state) {
  switch (state) {
    case State::kChecked:
      return "checked";
    case State::kRunning:
      return "running";
    case State::kDone:
      return "done";
    case State::kFailed:
      return "failed";
  }
  return "";
}

// `notice` (HTML) says why the last request was refused.
void JobPage(Context& ctx, Response& res, const ImportJob& job, const std::string& notice,
             int status) {
  Page page;
  page.nav = "import";
  page.status = status;
  page.breadcrumbs = {{"Import", "/import"}};
  const ingest::ValidationReport& report = job.check.report;
  const std::string href = "/import/" + job.id;
  // Two parts that import.js refreshes while the import runs: the status (a live region, whose
  // words change only with the phase and at the end) and the details (the progress bar).
  std::string status_html, detail;
  switch (job.state) {
    case State::kChecked:
      if (!report.ok()) {
        page.title = "Pakken har feil";
        status_html = "<p class=\"notice notice-error\">Pakken har " + Count(report.error_count) +
                      " feil og kan ikke importeres. Rett feilene i lønns-/personalsystemet og "
                      "last opp på nytt.</p>";
      } else {
        page.title = "Pakken er kontrollert";
        status_html = "<p class=\"notice notice-success\">Pakken har ingen feil";
        if (report.warning_count > 0) {
          status_html += ", men " + Count(report.warning_count) +
                         (report.warning_count == 1 ? " advarsel" : " advarsler") +
                         ". Les advarslene, og <a href=\"#bekreft\">importer pakken</a> "
                         "nederst på siden hvis alt stemmer.";
        } else {
          status_html +=
              ". Ingenting er lagret ennå: <a href=\"#bekreft\">importer pakken</a> "
              "nederst på siden.";
        }
        status_html += "</p>";
      }
      detail += Facts(job);
      detail += "<h2>Filene i pakken</h2>\n" +
                FileTable(report.files, "Rader lest per fil", /*with_format=*/true);
      if (report.error_count > 0) {
        detail += "<h2>Feil (" + Count(report.error_count) + ")</h2>\n" +
                  ProblemList(report.errors, report.error_count, "feil");
      }
      if (report.warning_count > 0) {
        detail += "<h2>Advarsler (" + Count(report.warning_count) +
                  ")</h2>\n<p>Advarsler "
                  "stopper ikke importen, men se etter om noe er galt.</p>\n" +
                  ProblemList(report.warnings, report.warning_count, "advarsler");
      }
      if (job.importable()) {
        detail +=
            "<h2 id=\"bekreft\">Importer pakken</h2>\n<p>Importen erstatter dataene som "
            "ligger i agp i dag med innholdet i pakken, og indikatorene beregnes på nytt. "
            "Den skjer helt eller ikke i det hele tatt: går noe galt underveis, er dataene "
            "som før.</p>\n";
        detail += "<form class=\"stack\" method=\"post\" action=\"" + href + "/bekreft\">" +
                  CsrfField(ctx) +
                  "<div class=\"actions\"><button type=\"submit\" class=\"primary\">Importer"
                  "</button></div></form>\n";
      } else {
        detail += "<p><a href=\"/import\">Last opp en ny pakke</a></p>\n";
      }
      break;
    case State::kRunning: {
      page.title = "Import pågår";
      const int64_t percent = static_cast<int64_t>(job.progress * 100);
      status_html = std::string("<p class=\"notice notice-info\">Importen pågår – ") +
                    PhaseText(job.phase) + ".</p>";
      detail +=
          "<label for=\"import-progress\">Fremdrift</label>\n<progress id=\"import-progress\" "
          "max=\"100\" value=\"" +
          std::to_string(percent) + "\">" + Count(percent) + " %</progress>\n<p>" + Count(percent) +
          " % ferdig – " + PhaseText(job.phase) + ".</p>\n";
      detail += "<p><a href=\"" + href +
                "\">Oppdater</a> for å se hvor langt importen har "
                "kommet. Du kan gå fra siden; importen fortsetter på tjeneren.</p>\n";
      detail += Facts(job);
      break;
    }
    case State::kDone: {
      const ingest::ImportOutcome& r = *job.result;
      if (r.unchanged) {
        page.title = "Uendret";
        status_html =
            "<p class=\"notice notice-info\">Uendret: pakken er den samme som ble "
            "importert " +
            Escape(TimeLabel(r.record.imported_at)) + " (dataversjon " +
            Count(r.record.data_version) + "). Ingenting er endret.</p>";
      } else {
        page.title = "Importen er fullført";
        status_html =
            "<p class=\"notice notice-success\">Importen er fullført på " + Num(job.seconds, 1) +
            " sekunder. Dataene har nå dataversjon " + Count(r.record.data_version) +
            (job.recompute_error.empty() ? ", og indikatorene er beregnet på nytt." : ".") + "</p>";
      }
      if (!job.recompute_error.empty()) {
        status_html +=
            "<p class=\"notice notice-warning\">Dataene er importert, men indikatorene "
            "kunne ikke beregnes: " +
            Escape(job.recompute_error) +
            ". Be "
            "driftsansvarlig kjøre <code>agp recompute</code>.</p>";
      }
      detail += Facts(job);
      if (!r.unchanged) {
        detail += "<h2>Importert</h2>\n" + FileTable(r.report.files, "Rader importert per fil",
                                                     /*with_format=*/false);
        if (r.report.warning_count > 0) {
          detail += "<p>Pakken hadde " + Count(r.report.warning_count) +
                    (r.report.warning_count == 1 ? " advarsel" : " advarsler") + ".</p>\n";
        }
      }
      detail +=
          "<ul><li><a href=\"/\">Til oversikten</a></li><li><a href=\"/indikatorer\">Se "
          "indikatorene</a></li><li><a href=\"/import\">Importer en ny pakke</a></li></ul>\n";
      break;
    }
    case State::kFailed:
      if (job.started) {
        page.title = "Importen mislyktes";
        status_html = "<p class=\"notice notice-error\">Importen mislyktes: " + Escape(job.error) +
                      " Dataene i agp er som før importen.</p>";
      } else {
        page.title = "Pakken kunne ikke leses";
        status_html =
            "<p class=\"notice notice-error\">Pakken kunne ikke leses: " + Escape(job.error) +
            "</p>";
      }
      detail += Facts(job);
      detail += "<p><a href=\"/import\">Last opp pakken på nytt</a></p>\n";
      break;
  }
  std::string& b = page.body;
  if (!notice.empty()) {
    b += "<div class=\"notice notice-error\" role=\"alert\"><p>" + notice + "</p></div>\n";
  }
  b += std::string("<div id=\"import-status\" data-state=\"") + StateKey(job.state) +
       "\" aria-live=\"polite\">" + status_html + "</div>\n";
  b += "<div id=\"import-detail\">\n" + detail + "</div>\n";
  if (job.state == State::kRunning) b += "<script src=\"/static/import.js\" defer></script>\n";
  SendPage(ctx, res, page);
}

}  // namespace

void ShowImport(Context& ctx, Response& res) { ImportPage(ctx, res, "", 200); }

void UploadImport(Context& ctx, Response& res) {
  std::vector<UploadedFile> files;
  for (const SpooledFile& f : ctx.spooled()) {
    if (f.field == "pakke") files.push_back({f.name, {}, f.path});
  }
  for (const auto& [name, part] : ctx.request().files) {
    if (name == "pakke" && !part.filename.empty())
      files.push_back({part.filename, part.content, {}});
  }
  ImportJobs& imports = *ctx.services().imports;
  auto id = imports.Check(ctx.session()->user, files);
  if (!id.ok()) {
    const bool users_fault = id.error().code() == core::ErrorCode::kInvalidInput;
    return ImportPage(ctx, res, id.error().message(), users_fault ? 400 : 500);
  }
  auto job = imports.Find(*id);
  std::string detail = "kunne ikke leses";
  if (job && job->error.empty()) {
    detail = Count(job->check.report.error_count) + " feil, " +
             Count(job->check.report.warning_count) + " advarsler";
  }
  ctx.AuditObject(job ? job->label : *id, detail);
  ctx.UndoIfNotAudited([&imports, id = *id] { imports.Forget(id); });
  SendRedirect(res, "/import/" + *id);
}

void ShowImportJob(Context& ctx, Response& res) {
  auto job = ctx.services().imports->Find(ctx.match(1));
  if (!job) {
    return SendError(ctx, res, 404,
                     "Fant ikke denne opplastingen. Opplastinger glemmes etter et døgn og når "
                     "tjeneren startes på nytt; last opp pakken på nytt.");
  }
  JobPage(ctx, res, *job, "", 200);
}

void ConfirmImport(Context& ctx, Response& res) {
  ImportJobs& imports = *ctx.services().imports;
  const std::string id = ctx.match(1);
  auto job = imports.Find(id);
  if (!job) {
    return SendError(ctx, res, 404,
                     "Fant ikke denne opplastingen. Opplastinger glemmes etter et døgn og når "
                     "tjeneren startes på nytt; last opp pakken på nytt.");
  }
  auto started = imports.Start(id, ctx.session()->user);
  if (!started.ok()) {
    std::string notice = Escape(started.error().message());
    for (const ImportJob& other : imports.List()) {
      if (other.state == State::kRunning && other.id != id) {
        notice += " <a href=\"/import/" + other.id + "\">Se importen som pågår</a>.";
      }
    }
    auto now = imports.Find(id);
    return JobPage(ctx, res, now ? *now : *job, notice, 409);
  }
  ctx.AuditObject(job->label, "startet");
  SendRedirect(res, "/import/" + id);
}

}  // namespace agp::web
