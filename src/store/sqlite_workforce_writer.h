// The SQLite implementation of WorkforceWriter (see database.h).
#pragma once

#include <memory>

#include "core/records.h"
#include "store/database.h"
#include "store/sqlite_statement.h"

namespace agp::store {

// Begins a replacement on `db`, which must outlive the writer.
core::Result<std::unique_ptr<WorkforceWriter>> BeginSqliteReplace(
    SqliteConnection* db, const core::OptionalParts& present);

}  // namespace agp::store
