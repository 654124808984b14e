#include "metrics/individuals.h"

#include <string>

#include "metrics/access.h"

namespace agp::metrics {

core::Result<std::vector<store::StaffRow>> ViewIndividuals(
    store::Database& db, const Viewer& viewer, const MeasureCube& cube, const std::string& unit_key,
    core::Period period, const core::Clock& clock) {
  int unit = cube.FindUnit(unit_key);
  if (unit < 0) {
    return core::Error(core::ErrorCode::kNotFound, "ukjent enhet «" + unit_key + "»");
  }
  Audience audience = AudienceFor(viewer.role, viewer.units, cube);
  if (!audience.sees_individuals || !audience.sees_individuals(unit)) {
    return core::Error(core::ErrorCode::kForbidden,
                       "du har ikke tilgang til enkeltpersoner i " + cube.units()[unit].name);
  }
  core::Date day = period.count_date();
  auto rows = db.StaffOn(unit_key, day.days(), period.first_day().days());
  if (!rows.ok()) return rows.error();
  store::AuditEntry entry;
  entry.at = clock.NowUtc();
  entry.actor = viewer.name;
  entry.action = "individuals.view";
  entry.object = unit_key;
  entry.detail = period.ToString() + ", " + std::to_string(rows.value().size()) + " stillinger";
  if (auto a = db.AppendAudit(entry); !a.ok()) return a.error();
  return rows;
}

}  // namespace agp::metrics
