#include "ingest/importer.h"

#include <chrono>

#include "ingest/package_source.h"

namespace agp::ingest {

core::Result<ImportOutcome> ImportPackage(const std::filesystem::path& path, store::Database& db,
                                          const core::Clock& clock, const ImportOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  };

  auto source = PackageSource::Open(path);
  if (!source.ok()) return source.error();

  ImportOutcome outcome;
  ValidationOptions vo;
  vo.max_problems = options.max_problems;
  vo.today = clock.Today();
  core::Workforce workforce = ValidatePackage(**source, vo, &outcome.report, options.on_read);
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

  store::ImportRecord record;
  record.imported_at = clock.NowUtc();
  record.source = path.string();
  record.checksum = outcome.checksum;
  record.warnings = outcome.report.warning_count;
  for (const FileSummary& f : outcome.report.files) record.counts[f.name] = f.rows;
  record.seconds = elapsed();  // reading and checking; the store adds the time it writes
  auto written = db.ReplaceWorkforce(workforce, std::move(record), options.on_write);
  if (!written.ok()) return written.error();
  outcome.written = true;
  outcome.record = std::move(*written);
  outcome.seconds = elapsed();
  return outcome;
}

}  // namespace agp::ingest
