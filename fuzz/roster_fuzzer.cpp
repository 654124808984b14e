// libFuzzer target for the rota benchmark's formats and the checker: no input may crash them. The
// input is an instance, then optionally a line "%%" and a roster for it; a roster read without
// errors is checked, and survives writing and reading again unchanged.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "roster/benchmark_format.h"
#include "roster/checker.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view all(reinterpret_cast<const char*>(data), size);
  const size_t split = all.find("\n%%\n");
  const std::string_view instance_text = all.substr(0, split);
  auto instance = agp::roster::ReadInstance(instance_text, "instance.txt");
  if (!instance.ok()) return 0;
  if (split == std::string_view::npos) return 0;
  auto roster = agp::roster::ReadRoster(all.substr(split + 4), *instance, "roster.txt");
  if (!roster.ok()) return 0;
  const agp::roster::Check c = agp::roster::CheckRoster(*instance, *roster);
  if (c.objective() < 0) __builtin_trap();
  auto again = agp::roster::ReadRoster(agp::roster::WriteRoster(*roster, *instance), *instance,
                                       "written.txt");
  if (!again.ok() || *again != *roster) __builtin_trap();
  return 0;
}
