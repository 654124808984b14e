// Where agp finds its shipped data (data/reference, data/policies): $AGP_DATA_DIR, else the
// folder the build was configured with.
#pragma once

#include <filesystem>

namespace agp::app {

std::filesystem::path DataDir();

}  // namespace agp::app
