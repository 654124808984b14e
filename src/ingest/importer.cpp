#include "ingest/importer.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "ingest/national_id.h"
#include "ingest/package_source.h"

namespace agp::ingest {
namespace {

// Writes the parts of a workforce on a thread of its own while the rest of the package is still
// being read: the structure first, then the other parts as their files are read without errors. If
// the import is called off, the steps not yet begun are skipped and the writer's transaction is
// rolled back when it is destroyed. A step is named by its file; positions.csv stands for the
// structure (units, employees, positions).
class WriteBehind {
 public:
  using Step = FileKind;

  WriteBehind(store::WorkforceWriter* writer, const core::Workforce* w)
      : writer_(writer), w_(w), thread_([this] { Loop(); }) {}
  WriteBehind(const WriteBehind&) = delete;
  WriteBehind& operator=(const WriteBehind&) = delete;
  ~WriteBehind() { (void)Finish(/*cancel=*/true); }

  void Push(Step step) {
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.push_back(step);
    wake_.notify_one();
  }

  // Waits for the pushed steps (or, with `cancel`, only for the one under way); the status of the
  // first step that failed.
  core::Status Finish(bool cancel) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (cancel) queue_.clear();
      closed_ = true;
      wake_.notify_one();
    }
    if (thread_.joinable()) thread_.join();
    return status_;
  }

 private:
  void Loop() {
    while (true) {
      Step step;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait(lock, [this] { return closed_ || !queue_.empty(); });
        if (queue_.empty()) return;
        step = queue_.front();
        queue_.pop_front();
      }
      if (!status_.ok()) continue;
      switch (step) {
        case FileKind::kUnits:
        case FileKind::kEmployees:
          break;  // written with the positions
        case FileKind::kPositions:
          status_ = writer_->WriteStructure(*w_);
          break;
        case FileKind::kAbsence:
          status_ = writer_->WriteAbsences(*w_);
          break;
        case FileKind::kPay:
          status_ = writer_->WritePay(*w_);
          break;
        case FileKind::kDialogues:
          status_ = writer_->WriteDialogues(*w_);
          break;
        case FileKind::kFollowup:
          status_ = writer_->WriteFollowup(*w_);
          break;
      }
    }
  }

  store::WorkforceWriter* writer_;
  const core::Workforce* w_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Step> queue_;
  bool closed_ = false;
  core::Status status_ = core::Ok{};
  std::thread thread_;  // last: starts after the members it uses
};

}  // namespace

namespace {

// The error with every national identity number in its message and place masked: a package's
// folder, file, entry and sheet names come from outside and reach terminals, pages and the
// database (the import log, the audit log) through the messages and the summary.
core::Error Masked(const core::Error& e) {
  core::Location where = e.location();
  where.file = MaskNationalIds(where.file);
  return core::Error(e.code(), MaskNationalIds(e.message()), std::move(where));
}

void Mask(ValidationReport* report) {
  for (auto* list : {&report->errors, &report->warnings}) {
    for (core::Error& e : *list) e = Masked(e);
  }
  for (FileSummary& f : report->files) f.name = MaskNationalIds(f.name);
}

}  // namespace

core::Result<ImportOutcome> ImportPackage(const std::filesystem::path& path, store::Database& db,
                                          const core::Clock& clock, const ImportOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  };

  auto source = PackageSource::Open(path, options.limits);
  if (!source.ok()) return Masked(source.error());

  ImportOutcome outcome;
  ValidationOptions vo;
  vo.max_problems = options.max_problems;
  vo.today = clock.Today();
  core::Workforce workforce;

  // Unless this is a dry run, the database is written while the package is read: the units,
  // employees and positions as soon as they are read without errors, then the absences. The
  // transaction commits only when the whole package is read without errors.
  std::string latest_checksum;
  std::unique_ptr<store::WorkforceWriter> writer;
  std::unique_ptr<WriteBehind> behind;
  if (!options.dry_run) {
    auto log = db.ImportLog();
    if (!log.ok()) return log.error();
    if (!log->empty()) latest_checksum = log->front().checksum;
    core::OptionalParts present;
    present.pay = (*source)->Has(Spec(FileKind::kPay));
    present.dialogues = (*source)->Has(Spec(FileKind::kDialogues));
    present.followup = (*source)->Has(Spec(FileKind::kFollowup));
    auto begun = db.BeginReplace(present);
    if (!begun.ok()) return begun.error();
    writer = std::move(*begun);
    behind = std::make_unique<WriteBehind>(writer.get(), &workforce);
    // Called from the reading threads; the structure needs three clean files.
    auto clean_structure = std::make_shared<std::atomic<int>>(0);
    vo.on_file_read = [&behind, clean_structure](FileKind kind, bool clean) {
      if (!clean) return;
      switch (kind) {
        case FileKind::kUnits:
        case FileKind::kEmployees:
        case FileKind::kPositions:
          if (++*clean_structure == 3) behind->Push(FileKind::kPositions);
          break;
        default:
          // The other files are read after positions.csv, so they come after the structure.
          if (*clean_structure == 3) behind->Push(kind);
          break;
      }
    };
  }

  ValidatePackage(**source, vo, &workforce, &outcome.report, options.on_read);
  Mask(&outcome.report);
  outcome.checksum = (*source)->Checksum();
  if (!outcome.report.ok() || options.dry_run) {
    outcome.seconds = elapsed();
    return outcome;  // the writer, if any, rolls back
  }
  if (outcome.checksum == latest_checksum) {
    outcome.unchanged = true;
    (void)behind->Finish(/*cancel=*/true);
    behind.reset();
    writer.reset();  // rolls back
    auto log = db.ImportLog();
    if (!log.ok()) return log.error();
    outcome.record = log->front();
    outcome.seconds = elapsed();
    return outcome;
  }

  const int64_t total = static_cast<int64_t>(
      workforce.units.size() + workforce.employees.size() + workforce.positions.size() +
      workforce.periods.size() + workforce.absences.size() +
      (workforce.present.pay ? workforce.pay.size() : 0) +
      (workforce.present.dialogues ? workforce.dialogues.size() : 0) +
      (workforce.present.followup ? workforce.followup.size() : 0));
  std::thread progress;
  std::atomic<bool> writing{true};
  if (options.on_write) {
    progress = std::thread([&] {
      while (writing.load()) {
        options.on_write(writer->rows_written(), total);
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    });
  }
  core::Status written = behind->Finish(/*cancel=*/false);
  writing = false;
  if (progress.joinable()) progress.join();
  if (!written.ok()) return written.error();

  store::ImportRecord record;
  record.imported_at = clock.NowUtc();
  record.source = MaskNationalIds(path.string());
  record.checksum = outcome.checksum;
  record.warnings = outcome.report.warning_count;
  for (const FileSummary& f : outcome.report.files) record.counts[f.name] = f.rows;
  record.seconds = elapsed();
  auto committed = writer->Commit(std::move(record));
  if (!committed.ok()) return committed.error();
  outcome.written = true;
  outcome.record = std::move(*committed);
  behind.reset();
  writer.reset();
  if (workforce.present.pay && workforce.present.dialogues && workforce.present.followup) {
    outcome.workforce = std::make_shared<const core::Workforce>(std::move(workforce));
  }
  outcome.seconds = elapsed();
  return outcome;
}

}  // namespace agp::ingest
