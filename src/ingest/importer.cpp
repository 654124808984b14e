#include "ingest/importer.h"

#include <atomic>
#include <chrono>
#include <thread>

#include "ingest/national_id.h"
#include "ingest/package_source.h"

namespace agp::ingest {

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

  // The package is read and checked without touching the database: no transaction is open, so
  // logins and every other change go on while a large package is checked (issue 13, item 4).
  ValidatePackage(**source, vo, &workforce, &outcome.report, options.on_read);
  Mask(&outcome.report);
  outcome.checksum = (*source)->Checksum();
  if (!outcome.report.ok() || options.dry_run) {
    outcome.seconds = elapsed();
    return outcome;
  }
  auto log = db.ImportLog();
  if (!log.ok()) return log.error();
  if (!log->empty() && log->front().checksum == outcome.checksum) {
    outcome.unchanged = true;
    outcome.record = log->front();
    outcome.seconds = elapsed();
    return outcome;
  }

  // Only the write of the checked records is one transaction, and it holds the write lock.
  const int64_t total = static_cast<int64_t>(
      workforce.units.size() + workforce.employees.size() + workforce.positions.size() +
      workforce.periods.size() + workforce.absences.size() +
      (workforce.present.pay ? workforce.pay.size() : 0) +
      (workforce.present.dialogues ? workforce.dialogues.size() : 0) +
      (workforce.present.followup ? workforce.followup.size() : 0));
  auto begun = db.BeginReplace(workforce.present);
  if (!begun.ok()) return begun.error();
  std::unique_ptr<store::WorkforceWriter> writer = std::move(*begun);
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
  core::Status written = writer->WriteStructure(workforce);
  if (written.ok()) written = writer->WriteAbsences(workforce);
  if (written.ok()) written = writer->WritePay(workforce);
  if (written.ok()) written = writer->WriteDialogues(workforce);
  if (written.ok()) written = writer->WriteFollowup(workforce);
  writing = false;
  if (progress.joinable()) progress.join();
  if (!written.ok()) return written.error();  // the writer rolls back

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
  writer.reset();
  if (workforce.present.pay && workforce.present.dialogues && workforce.present.followup) {
    outcome.workforce = std::make_shared<const core::Workforce>(std::move(workforce));
  }
  outcome.seconds = elapsed();
  return outcome;
}

}  // namespace agp::ingest
