// Parsing the values of package fields: in core (core/field_parse.h), shared with the layers
// above ingest; these names keep ingest's code as it was.
#pragma once

#include "core/field_parse.h"

namespace agp::ingest {

using core::ParseFlag;
using core::ParseInteger;
using core::ParseNumber;
using core::Trim;

}  // namespace agp::ingest
