// libFuzzer target for the policy reader and lint: no input may crash them, every error says where,
// and a policy read without errors survives writing and reading again unchanged.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "policy/lint.h"
#include "policy/policy_yaml.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  agp::policy::Diagnostics d("policy.yaml");
  const agp::policy::Policy p = agp::policy::CheckPolicy(text, &d);
  for (const agp::policy::Diagnostic& x : d.items()) {
    if (x.severity == agp::policy::Diagnostic::Severity::kError && x.where.line < 1)
      __builtin_trap();
  }
  if (d.error_count() == 0) {
    agp::policy::Diagnostics again("written.yaml");
    if (!(agp::policy::ReadPolicy(agp::policy::WritePolicy(p), &again) == p)) __builtin_trap();
    if (again.error_count() != 0) __builtin_trap();
  }
  return 0;
}
