// TEMPORARY: replaced with the Import page.
#include "web/import_jobs.h"
namespace agp::web {
ImportJobs::ImportJobs(const ServeOptions& options, const core::Clock& clock,
                       SnapshotCache* snapshots)
    : options_(options), clock_(clock), snapshots_(snapshots) {}
ImportJobs::~ImportJobs() {
  for (auto& t : threads_) t.join();
}
core::Result<std::string> ImportJobs::Check(
    const std::string&, const std::vector<std::pair<std::string, std::string>>&) {
  return core::Error(core::ErrorCode::kInternal, "ikke ferdig");
}
core::Status ImportJobs::Start(const std::string&, const std::string&) {
  return core::Error(core::ErrorCode::kInternal, "ikke ferdig");
}
std::optional<ImportJob> ImportJobs::Find(const std::string&) { return std::nullopt; }
}  // namespace agp::web
