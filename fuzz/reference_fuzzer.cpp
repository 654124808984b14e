// libFuzzer target for the reference-data parsers (data/reference/*.csv) and the period syntax.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/period.h"
#include "metrics/reference.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto figures = agp::metrics::ReferenceFigures::Parse(text, "national.csv");
  if (figures.ok()) {
    for (const auto& f : figures->all()) {
      const auto* found = figures->Find(f.indicator, f.period, f.scope);
      if (found == nullptr) __builtin_trap();  // every listed figure is found for its own period
    }
  } else if (figures.error().location().line < 1) {
    __builtin_trap();  // errors say where
  }
  auto deadlines = agp::metrics::Deadlines::Parse(text, "deadlines.csv");
  (void)deadlines;
  if (auto p = agp::core::Period::Parse(text.substr(0, 16))) {
    if (agp::core::Period::Parse(p->ToString()) != p) __builtin_trap();  // round trip
    if (p->count_date() < p->first_day()) __builtin_trap();
  }
  return 0;
}
