#include "core/clock.h"

#include <chrono>
#include <cstdio>

namespace agp::core {

Date SystemClock::Today() const {
  const auto now = std::chrono::system_clock::now();
  return Date(static_cast<int32_t>(
      std::chrono::duration_cast<std::chrono::days>(now.time_since_epoch()).count()));
}

std::string SystemClock::NowUtc() const {
  const auto now = std::chrono::system_clock::now();
  const auto secs =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  const Date day(static_cast<int32_t>(secs / 86400));
  const long rest = static_cast<long>(secs % 86400);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%sT%02ld:%02ld:%02ldZ", day.ToIso().c_str(), rest / 3600,
                rest / 60 % 60, rest % 60);
  return buf;
}

}  // namespace agp::core
