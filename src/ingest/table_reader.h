// The rows of a CSV file or an XLSX sheet: the interface lives in core (core/table.h) so that the
// layers above ingest can read rows too; ingest's readers implement it.
#pragma once

#include "core/table.h"

namespace agp::ingest {

using core::Field;
using core::Row;
using core::TableReader;

}  // namespace agp::ingest
