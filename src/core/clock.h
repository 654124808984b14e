// The clock, behind an interface so tests run on a fixed time (DESIGN.md §2).
#pragma once

#include <string>

#include "core/date.h"

namespace agp::core {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Date Today() const = 0;
  // The current time in UTC as "YYYY-MM-DDTHH:MM:SSZ".
  virtual std::string NowUtc() const = 0;
};

// The machine's clock.
class SystemClock final : public Clock {
 public:
  Date Today() const override;
  std::string NowUtc() const override;
};

// A clock that always says the same instant (tests).
class FixedClock final : public Clock {
 public:
  explicit FixedClock(Date today) : today_(today) {}
  Date Today() const override { return today_; }
  std::string NowUtc() const override { return today_.ToIso() + "T12:00:00Z"; }

 private:
  Date today_;
};

}  // namespace agp::core
