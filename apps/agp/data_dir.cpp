#include "data_dir.h"

#include <cstdlib>

namespace agp::app {

std::filesystem::path DataDir() {
  const char* env = std::getenv("AGP_DATA_DIR");
  if (env != nullptr && *env != '\0') return env;
  return AGP_DEFAULT_DATA_DIR;
}

}  // namespace agp::app
