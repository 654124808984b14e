// Imports started from the web (DESIGN §3 through the Import page). An uploaded package is saved
// in a folder of its own and checked at once (a dry run that writes nothing); when it has no
// errors, an admin confirms, and the import runs on a background thread whose progress the page
// shows, then the indicators are recomputed (as `agp import` does). The import itself is
// all-or-nothing (ingest::ImportPackage). One import runs at a time.
//
// Jobs live in memory: a restart forgets them, and the server's start removes what they left in
// the upload folder (RemoveLeftovers). The upload folder is removed as soon as the package
// cannot or need not be imported any more: with errors, after the import, after a failure.
// Jobs older than a day are forgotten when the next package comes. Nothing here writes the
// packages' contents to a log. Thread-safe.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/clock.h"
#include "ingest/importer.h"
#include "web/context.h"

namespace agp::web {

class ResultsRefresher;

// One file of an upload: the name the browser sent and its bytes (both owned by the caller), or,
// for an upload the server streamed to disk, the file it was saved in (`path`, on the same file
// system as the upload folder; Check moves it into the job's folder).
struct UploadedFile {
  UploadedFile(std::string_view n, std::string_view c, std::string p = {})
      : name(n), content(c), path(std::move(p)) {}
  std::string_view name;
  std::string_view content;
  std::string path;
};

struct ImportJob {
  enum class State {
    kChecked,  // the dry run has run (see check.report); waits for confirmation if it has no errors
    kRunning,  // confirmed; being imported
    kDone,     // imported (or unchanged: the same package as the last import)
    kFailed,   // the package could not be read, or the import failed; `error` says why
  };
  enum class Phase { kReading, kWriting, kComputing };

  std::string id;            // random, URL-safe (RandomToken)
  std::string user;          // who uploaded it
  std::string confirmed_by;  // who started the import
  std::string uploaded_at;   // UTC, "YYYY-MM-DDTHH:MM:SSZ"
  std::string label;         // the uploaded file names, for people: "pakke.zip", "units.csv, …"
  std::string folder;        // upload_dir/<id>, while it exists
  std::string package;       // the saved package in it: the .zip, the .xlsx or the CSV folder
  std::chrono::steady_clock::time_point created;

  State state = State::kChecked;
  bool started = false;  // confirmed at some point (a failure is the import's, not the check's)
  ingest::ImportOutcome check;  // the dry run, when the package could be opened
  std::string error;            // kFailed: plain Norwegian, without server paths
  Phase phase = Phase::kReading;
  double progress = 0;                          // 0..1, while running
  std::optional<ingest::ImportOutcome> result;  // kDone (its workforce is dropped)
  double seconds = 0;           // kDone: the whole import with the recompute, wall time
  std::string recompute_error;  // kDone: the data were imported but the indicators were not

  // Checked without errors and not started: the confirm button may be shown.
  bool importable() const { return state == State::kChecked && error.empty() && check.report.ok(); }
};

class ImportJobs {
 public:
  // `options` gives db_path, data_dir (reference/deadlines.csv for the recompute) and upload_dir.
  // `snapshots` (may be null) is invalidated after every import; `refresher` (may be null) is
  // held from an import's start to the end of its recompute.
  ImportJobs(const ServeOptions& options, const core::Clock& clock, SnapshotCache* snapshots,
             ResultsRefresher* refresher = nullptr);
  ~ImportJobs();  // waits for a running import to finish
  ImportJobs(const ImportJobs&) = delete;
  ImportJobs& operator=(const ImportJobs&) = delete;

  // Saves the uploaded files as a package (one .zip, one .xlsx, or the CSV files of a folder) and
  // checks it on a connection of its own, synchronously. Returns the job's id; the job is kChecked,
  // or kFailed when the package could not be opened at all. Errors: kInvalidInput for an upload
  // that is not a package (no files, names with path separators, other extensions, a .zip with
  // other files), with a message for the user; kIo when the files cannot be saved.
  core::Result<std::string> Check(const std::string& user, const std::vector<UploadedFile>& files);

  // Starts the import of a checked job without errors on a background thread. Errors: kNotFound
  // for an unknown id; kInvalidInput when the job cannot be imported (errors, already started) or
  // another import is running — with a message for the user.
  core::Status Start(const std::string& id, const std::string& user);

  // Forgets a job that is not running and removes its folder (its check's audit entry could not
  // be written). Unknown ids are ignored.
  void Forget(const std::string& id);

  // Removes what imports of an earlier run of the server left in the upload folder: the job
  // folders and streamed uploads (folders named like RandomToken), and nothing else. For the
  // server's start, when no job can own them; only one server may use an upload folder.
  void RemoveLeftovers();

  // Tests: called on the thread that reads a package (a check or an import) each time it
  // reports progress, so that a test can hold it there. Set before the first Check.
  void set_read_hook(std::function<void()> hook) { read_hook_ = std::move(hook); }

  // A copy of the job's state; nullopt when unknown.
  std::optional<ImportJob> Find(const std::string& id);
  // Every job of the last day, newest first (copies without the problem lists).
  std::vector<ImportJob> List();

  static constexpr std::chrono::hours kMaxAge{24};

 private:
  void Run(std::shared_ptr<ImportJob> job);
  void Sweep();  // under mutex_: forgets old jobs and removes their folders

  ServeOptions options_;
  const core::Clock& clock_;
  SnapshotCache* snapshots_;
  ResultsRefresher* refresher_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<ImportJob>> jobs_;
  std::thread worker_;  // the last import started
  std::function<void()> read_hook_;
};

}  // namespace agp::web
