// Imports started from the web (DESIGN §3 through the Import page): an uploaded package waits in
// its own folder, is checked (a dry run), and is imported when an admin confirms; the import runs
// on a background thread whose progress the page shows. Thread-safe.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/clock.h"
#include "ingest/importer.h"
#include "web/context.h"

namespace agp::web {

struct ImportJob {
  enum class State { kChecked, kRunning, kDone, kFailed };
  std::string id;       // random, URL-safe
  std::string user;     // who uploaded it
  std::string folder;   // the saved package
  std::string label;    // the uploaded file names, for people
  State state = State::kChecked;
  ingest::ImportOutcome check;  // the dry run
  std::string error;            // when the package could not be opened or the import failed
  double progress = 0;          // 0..1 while running
  std::string phase;            // "leser", "skriver", "beregner"
  std::optional<ingest::ImportOutcome> result;
};

class ImportJobs {
 public:
  ImportJobs(const ServeOptions& options, const core::Clock& clock, SnapshotCache* snapshots);
  ~ImportJobs();
  // Saves the uploaded files as a package folder and checks it (dry run).
  core::Result<std::string> Check(const std::string& user,
                                  const std::vector<std::pair<std::string, std::string>>& files);
  // Starts the real import of a checked job on a background thread.
  core::Status Start(const std::string& id, const std::string& user);
  // A copy of the job's state; nullopt when unknown.
  std::optional<ImportJob> Find(const std::string& id);

 private:
  ServeOptions options_;
  const core::Clock& clock_;
  SnapshotCache* snapshots_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<ImportJob>> jobs_;
  std::vector<std::thread> threads_;
};

}  // namespace agp::web
