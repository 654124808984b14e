#include "command.h"

#include <cstdio>
#include <fstream>
#include <sstream>

namespace agp::app {

std::optional<core::Period> PeriodOption(const std::string& text) {
  auto period = core::Period::Parse(text);
  if (!period) {
    std::fprintf(stderr, "agp: «%s» er ikke en periode (2024, 2024-T1, 2024-Q1 eller 2024-03)\n",
                 text.c_str());
  }
  return period;
}

bool ReadFileBytes(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream bytes;
  bytes << in.rdbuf();
  *out = bytes.str();
  return true;
}

}  // namespace agp::app
