#include "command.h"

#include <cstdio>

namespace agp::app {

std::optional<core::Period> PeriodOption(const std::string& text) {
  auto period = core::Period::Parse(text);
  if (!period) {
    std::fprintf(stderr, "agp: «%s» er ikke en periode (2024, 2024-T1, 2024-Q1 eller 2024-03)\n",
                 text.c_str());
  }
  return period;
}

}  // namespace agp::app
