#include "web/import_jobs.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <utility>

#include "ingest/national_id.h"
#include "store/database.h"
#include "web/results_refresher.h"
#include "web/session.h"

namespace agp::web {

namespace {

namespace fs = std::filesystem;
using core::Error;
using core::ErrorCode;
using State = ImportJob::State;
using Phase = ImportJob::Phase;

// The folder that CSV files uploaded one by one are saved in (a folder package).
constexpr const char* kCsvFolder = "csv-filer";

// Shares of the progress bar: reading and checking, then writing (only after the check), then
// the indicators.
constexpr double kReadShare = 0.4;
constexpr double kWriteShare = 0.45;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string Extension(std::string_view name) {
  size_t dot = name.rfind('.');
  return dot == std::string_view::npos ? "" : Lower(name.substr(dot + 1));
}

// The name as it may be quoted in a message: not too long, no national identity number.
std::string Quoted(std::string_view name) {
  const std::string masked = ingest::MaskNationalIds(name);
  size_t cut = std::min<size_t>(masked.size(), 80);
  while (cut < masked.size() && (static_cast<unsigned char>(masked[cut]) & 0xC0) == 0x80) ++cut;
  return "«" + masked.substr(0, cut) + (cut < masked.size() ? "…" : "") + "»";
}

// Why an uploaded file name cannot be used, or "" when it can. A name with a national identity
// number is refused (and not quoted): it would be the name of a file on the server's disk, the
// job's label on the pages and the object of the audit log entry, which nobody can edit.
std::string BadName(std::string_view name) {
  if (name.empty()) return "En av filene mangler navn.";
  if (ingest::ContainsNationalId(name)) {
    return "Navnet på en av filene ser ut til å inneholde et fødselsnummer. Gi filen et navn "
           "uten fødselsnummer, og last den opp på nytt.";
  }
  if (name.size() > 200) return "Filnavnet " + Quoted(name) + " er for langt (over 200 tegn).";
  for (char c : name) {
    if (c == '/' || c == '\\') {
      return "Filnavnet " + Quoted(name) +
             " inneholder en skråstrek. Velg selve filene, ikke en mappe eller en sti.";
    }
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      return "Filnavnet " + Quoted(name) + " inneholder tegn som ikke kan stå i et filnavn.";
    }
  }
  if (name.front() == '.') {
    return "Filnavnet " + Quoted(name) + " kan ikke begynne med punktum.";
  }
  const std::string ext = Extension(name);
  if (ext != "zip" && ext != "xlsx" && ext != "csv") {
    return Quoted(name) +
           " er ikke en .zip-, .xlsx- eller .csv-fil. Last opp én .zip, én .xlsx, eller "
           "CSV-filene.";
  }
  return "";
}

bool WriteFile(const fs::path& path, std::string_view content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  out.close();
  return !out.fail();
}

void RemoveFolder(const std::string& folder) {
  if (folder.empty()) return;
  std::error_code ec;
  fs::remove_all(folder, ec);
}

// Text without the server's upload folder: "<folder>/pakke.zip" → "pakke.zip"; the folder of
// uploaded CSV files itself → "".
std::string WithoutFolder(std::string text, const std::string& folder) {
  const std::string prefix = folder + "/";
  for (size_t at = text.find(prefix); at != std::string::npos; at = text.find(prefix)) {
    text.erase(at, prefix.size());
  }
  if (text == folder || text == kCsvFolder) text.clear();
  return text;
}

Error WithoutFolder(const Error& e, const std::string& folder) {
  core::Location where = e.location();
  where.file = WithoutFolder(where.file, folder);
  return Error(e.code(), WithoutFolder(e.message(), folder), where);
}

// The problems of a report with their places as the user knows them (a folder package names
// itself by its path).
void WithoutFolder(ingest::ValidationReport& report, const std::string& folder) {
  for (auto* list : {&report.errors, &report.warnings}) {
    for (Error& e : *list) e = WithoutFolder(e, folder);
  }
}

// An error of the package in plain words, without the server's upload folder.
std::string PlainError(const Error& e, const std::string& folder) {
  return WithoutFolder(e, folder).ToString();
}

// A job's id, or a streamed upload's folder (server.cpp), as RandomToken makes it: 43 URL-safe
// characters.
bool LooksLikeId(const std::string& name) {
  return name.size() == 43 && std::all_of(name.begin(), name.end(), [](char c) {
           return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_';
         });
}

}  // namespace

ImportJobs::ImportJobs(const ServeOptions& options, const core::Clock& clock,
                       SnapshotCache* snapshots, ResultsRefresher* refresher)
    : options_(options), clock_(clock), snapshots_(snapshots), refresher_(refresher) {}

ImportJobs::~ImportJobs() {
  std::thread worker;
  {
    std::lock_guard lock(mutex_);
    worker = std::move(worker_);
  }
  if (worker.joinable()) worker.join();
}

core::Result<std::string> ImportJobs::Check(const std::string& user,
                                            const std::vector<UploadedFile>& files) {
  if (files.empty()) {
    return Error(ErrorCode::kInvalidInput,
                 "Velg pakken du vil laste opp: én .zip, én .xlsx, eller CSV-filene.");
  }
  std::set<std::string> seen;
  const UploadedFile* bundle = nullptr;  // a .zip or .xlsx
  for (const UploadedFile& f : files) {
    if (std::string why = BadName(f.name); !why.empty()) {
      return Error(ErrorCode::kInvalidInput, why);
    }
    if (!seen.insert(Lower(f.name)).second) {
      return Error(ErrorCode::kInvalidInput, "Filen " + Quoted(f.name) + " er valgt to ganger.");
    }
    if (Extension(f.name) != "csv") bundle = &f;
  }
  if (bundle != nullptr && files.size() > 1) {
    return Error(ErrorCode::kInvalidInput,
                 "En .zip- eller .xlsx-fil er hele pakken og må lastes opp alene. Du valgte " +
                     std::to_string(files.size()) + " filer.");
  }

  auto job = std::make_shared<ImportJob>();
  job->id = RandomToken();
  job->user = user;
  job->uploaded_at = clock_.NowUtc();
  job->created = std::chrono::steady_clock::now();
  for (const UploadedFile& f : files) {
    if (!job->label.empty()) job->label += ", ";
    job->label += f.name;
  }
  {
    std::lock_guard lock(mutex_);
    Sweep();
  }

  // The package waits in a folder that only the server's user can read: it holds personal data.
  const Error cannot_save(ErrorCode::kIo,
                          "Pakken kunne ikke lagres på tjeneren. Prøv igjen, eller "
                          "be driftsansvarlig sjekke plassen på disken.");
  std::error_code ec;
  const fs::path root(options_.upload_dir);
  if (fs::create_directories(root, ec)) {
    fs::permissions(root, fs::perms::owner_all, fs::perm_options::replace, ec);
  }
  const fs::path folder = root / job->id;
  if (!fs::create_directory(folder, ec) || ec) return cannot_save;
  fs::permissions(folder, fs::perms::owner_all, fs::perm_options::replace, ec);
  job->folder = folder.string();
  const fs::path package =
      bundle != nullptr ? folder / std::string(bundle->name) : folder / kCsvFolder;
  job->package = package.string();
  if (bundle == nullptr && !fs::create_directory(package, ec)) {
    RemoveFolder(job->folder);
    return cannot_save;
  }
  for (const UploadedFile& f : files) {
    const fs::path to = bundle != nullptr ? package : package / std::string(f.name);
    if (!f.path.empty()) {
      fs::rename(f.path, to, ec);
      if (ec) {
        RemoveFolder(job->folder);
        return cannot_save;
      }
    } else if (!WriteFile(to, f.content)) {
      RemoveFolder(job->folder);
      return cannot_save;
    }
  }

  // The dry run reads and checks everything and writes nothing.
  auto db = store::OpenSqlite(options_.db_path, {.create = false});
  if (!db.ok()) {
    RemoveFolder(job->folder);
    return Error(ErrorCode::kIo, "Databasen kunne ikke åpnes. Prøv igjen om litt.");
  }
  ingest::ImportOptions dry;
  dry.dry_run = true;
  if (read_hook_) dry.on_read = [this](const std::string&, size_t, size_t) { read_hook_(); };
  auto outcome = ingest::ImportPackage(package, **db, clock_, dry);
  if (!outcome.ok()) {
    job->state = State::kFailed;
    job->error = PlainError(outcome.error(), job->folder);
  } else {
    job->check = std::move(*outcome);
    job->check.workforce.reset();
    WithoutFolder(job->check.report, job->folder);
  }
  if (!job->importable()) {
    RemoveFolder(job->folder);
    job->folder.clear();
  }
  std::lock_guard lock(mutex_);
  jobs_[job->id] = job;
  return job->id;
}

core::Status ImportJobs::Start(const std::string& id, const std::string& user) {
  std::thread previous;
  {
    std::lock_guard lock(mutex_);
    auto it = jobs_.find(id);
    if (it == jobs_.end()) {
      return Error(ErrorCode::kNotFound,
                   "Fant ikke denne opplastingen. Den kan være eldre enn et døgn; last opp pakken "
                   "på nytt.");
    }
    ImportJob& job = *it->second;
    for (const auto& [other_id, other] : jobs_) {
      if (other->state != State::kRunning) continue;
      if (other_id == id) {
        return Error(ErrorCode::kInvalidInput, "Importen av denne pakken er allerede i gang.");
      }
      return Error(ErrorCode::kInvalidInput,
                   "En annen import pågår nå (" + other->label + ", startet av " +
                       other->confirmed_by +
                       "). Bare én import kan gå om gangen. Vent til den er ferdig, og prøv "
                       "igjen.");
    }
    if (job.state == State::kDone) {
      return Error(ErrorCode::kInvalidInput, "Denne pakken er allerede importert.");
    }
    if (job.state == State::kFailed) {
      return Error(ErrorCode::kInvalidInput,
                   "Denne pakken kan ikke importeres. Last den opp på nytt.");
    }
    if (!job.check.report.ok()) {
      return Error(ErrorCode::kInvalidInput,
                   "Pakken har feil og kan ikke importeres. Rett feilene og last opp på nytt.");
    }
    std::error_code ec;
    if (job.folder.empty() || !fs::exists(job.package, ec)) {
      return Error(ErrorCode::kInvalidInput,
                   "Pakken finnes ikke lenger på tjeneren. Last den opp på nytt.");
    }
    job.state = State::kRunning;
    job.started = true;
    job.confirmed_by = user;
    job.phase = Phase::kReading;
    job.progress = 0;
    previous = std::move(worker_);
    worker_ = std::thread(&ImportJobs::Run, this, it->second);
  }
  // The previous import has finished (no job is running); its thread is at its end.
  if (previous.joinable()) previous.join();
  return core::Ok{};
}

void ImportJobs::Run(std::shared_ptr<ImportJob> job) {
  std::string package, folder;
  size_t expected_bytes = 0;  // what the dry run read (CSV only)
  {
    std::lock_guard lock(mutex_);
    package = job->package;
    folder = job->folder;
    for (const ingest::FileSummary& f : job->check.report.files) expected_bytes += f.bytes;
  }
  auto advance = [this, &job](Phase phase, double fraction) {
    std::lock_guard lock(mutex_);
    job->phase = phase;
    job->progress = std::clamp(std::max(job->progress, fraction), 0.0, 1.0);
  };

  const auto started = std::chrono::steady_clock::now();
  std::string error, recompute_error;
  std::optional<ingest::ImportOutcome> result;
  // No background recompute beside the import and its own recompute.
  std::unique_lock<std::mutex> hold;
  if (refresher_ != nullptr) hold = refresher_->Hold();
  try {
    auto db = store::OpenSqlite(options_.db_path, {.create = false});
    if (!db.ok()) {
      error = "Databasen kunne ikke åpnes for skriving.";
    } else {
      ingest::ImportOptions options;
      // Two files are read at once; the bar shows the bytes read of all of them.
      std::map<std::string, std::pair<size_t, size_t>> reading;  // guarded by mutex_
      options.on_read = [&](const std::string& file, size_t done, size_t total) {
        if (read_hook_) read_hook_();
        double fraction = 0;
        {
          std::lock_guard lock(mutex_);
          reading[file] = {done, total};
          size_t all_done = 0, all_total = 0;
          for (const auto& [name, p] : reading) {
            all_done += p.first;
            all_total += p.second;
          }
          const size_t whole = std::max(all_total, expected_bytes);
          fraction = whole > 0 ? static_cast<double>(all_done) / static_cast<double>(whole) : 0;
        }
        advance(Phase::kReading, kReadShare * fraction);
      };
      options.on_write = [&](int64_t done, int64_t total) {
        const double fraction =
            total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 1;
        advance(Phase::kWriting, kReadShare + kWriteShare * fraction);
      };
      auto outcome = ingest::ImportPackage(package, **db, clock_, options);
      if (!outcome.ok()) {
        error = PlainError(outcome.error(), folder);
      } else if (!outcome->report.ok()) {
        error = "Pakken har " + std::to_string(outcome->report.error_count) +
                " feil. Ingenting er skrevet.";
      } else {
        advance(Phase::kComputing, kReadShare + kWriteShare);
        bool recompute = outcome->written;
        if (outcome->unchanged) {
          // A recompute that did not finish last time is finished now.
          auto stored = (*db)->LoadResults(/*with_blocks=*/false);
          auto version = (*db)->DataVersion();
          recompute =
              stored.ok() && version.ok() && (!*stored || (**stored).data_version != *version);
        }
        if (recompute) {
          recompute_error =
              RecomputeIndicators(**db, outcome->workforce.get(), clock_, options_.data_dir);
        }
        outcome->workforce.reset();
        WithoutFolder(outcome->report, folder);
        result = std::move(*outcome);
      }
    }
  } catch (const std::exception&) {
    error = "Noe gikk galt på tjeneren under importen.";
  }
  if (hold.owns_lock()) hold.unlock();
  RemoveFolder(folder);
  if (snapshots_ != nullptr) snapshots_->Invalidate();

  std::lock_guard lock(mutex_);
  job->folder.clear();
  if (error.empty()) {
    job->state = State::kDone;
    job->progress = 1;
    job->result = std::move(result);
    job->seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    job->recompute_error = std::move(recompute_error);
  } else {
    job->state = State::kFailed;
    job->error = std::move(error);
  }
  // Nothing after this: Start joins this thread once no job is running.
}

void ImportJobs::Forget(const std::string& id) {
  std::lock_guard lock(mutex_);
  auto it = jobs_.find(id);
  if (it == jobs_.end() || it->second->state == State::kRunning) return;
  RemoveFolder(it->second->folder);
  jobs_.erase(it);
}

void ImportJobs::RemoveLeftovers() {
  std::lock_guard lock(mutex_);
  std::error_code ec;
  for (fs::directory_iterator entry(options_.upload_dir, ec), end; !ec && entry != end;
       entry.increment(ec)) {
    const std::string name = entry->path().filename().string();
    std::error_code entry_ec;
    // is_directory of the entry itself: a symbolic link named like a token is left alone.
    if (!LooksLikeId(name) || jobs_.count(name) > 0 ||
        !fs::is_directory(entry->symlink_status(entry_ec))) {
      continue;
    }
    RemoveFolder(entry->path().string());
  }
}

std::optional<ImportJob> ImportJobs::Find(const std::string& id) {
  std::lock_guard lock(mutex_);
  auto it = jobs_.find(id);
  if (it == jobs_.end()) return std::nullopt;
  return *it->second;
}

std::vector<ImportJob> ImportJobs::List() {
  std::vector<ImportJob> out;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [id, job] : jobs_) {
      ImportJob copy;
      copy.id = job->id;
      copy.user = job->user;
      copy.confirmed_by = job->confirmed_by;
      copy.uploaded_at = job->uploaded_at;
      copy.label = job->label;
      copy.created = job->created;
      copy.state = job->state;
      copy.started = job->started;
      copy.error = job->error;
      copy.check.report.error_count = job->check.report.error_count;
      copy.check.report.warning_count = job->check.report.warning_count;
      copy.phase = job->phase;
      copy.progress = job->progress;
      copy.seconds = job->seconds;
      if (job->result) {
        copy.result.emplace();
        copy.result->unchanged = job->result->unchanged;
        copy.result->record = job->result->record;
      }
      out.push_back(std::move(copy));
    }
  }
  std::sort(out.begin(), out.end(),
            [](const ImportJob& a, const ImportJob& b) { return a.created > b.created; });
  return out;
}

void ImportJobs::Sweep() {
  const auto now = std::chrono::steady_clock::now();
  for (auto it = jobs_.begin(); it != jobs_.end();) {
    const ImportJob& job = *it->second;
    if (job.state != State::kRunning && now - job.created > kMaxAge) {
      RemoveFolder(job.folder);
      it = jobs_.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace agp::web
