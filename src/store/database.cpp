#include "store/database.h"

#include <chrono>
#include <future>

namespace agp::store {

core::Result<ImportRecord> Database::ReplaceWorkforce(const core::Workforce& w, ImportRecord record,
                                                      const ProgressFn& progress) {
  const auto started = std::chrono::steady_clock::now();
  auto writer = BeginReplace(w.present);
  if (!writer.ok()) return writer.error();
  const int64_t total = static_cast<int64_t>(
      w.units.size() + w.employees.size() + w.positions.size() + w.periods.size() +
      w.absences.size() + (w.present.pay ? w.pay.size() : 0) +
      (w.present.dialogues ? w.dialogues.size() : 0) +
      (w.present.followup ? w.followup.size() : 0));
  // The steps run on another thread so that this one can report progress.
  auto steps = std::async(std::launch::async, [&]() -> core::Status {
    core::Status s = (*writer)->WriteStructure(w);
    if (s.ok()) s = (*writer)->WriteAbsences(w);
    if (s.ok()) s = (*writer)->WritePay(w);
    if (s.ok()) s = (*writer)->WriteDialogues(w);
    if (s.ok()) s = (*writer)->WriteFollowup(w);
    return s;
  });
  while (steps.wait_for(std::chrono::milliseconds(100)) != std::future_status::ready) {
    if (progress) progress((*writer)->rows_written(), total);
  }
  if (core::Status s = steps.get(); !s.ok()) return s.error();
  record.seconds +=
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  auto done = (*writer)->Commit(std::move(record));
  if (done.ok() && progress) progress(total, total);
  return done;
}

}  // namespace agp::store
