#include "policy/diagnostics.h"

#include <algorithm>
#include <tuple>

namespace agp::policy {

std::string Diagnostic::ToString() const {
  std::string out = where.ToString();
  out += out.empty() ? "" : ": ";
  out += severity == Severity::kError ? "feil: " : "advarsel: ";
  if (!node.empty()) out += node + ": ";
  out += message;
  return out;
}

void Diagnostics::Error(int line, int column, std::string node, std::string message) {
  items_.push_back(
      {Diagnostic::Severity::kError, {file_, line, column}, std::move(node), std::move(message)});
  ++errors_;
}

void Diagnostics::Warning(int line, int column, std::string node, std::string message) {
  items_.push_back(
      {Diagnostic::Severity::kWarning, {file_, line, column}, std::move(node), std::move(message)});
}

void Diagnostics::Sort() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tuple(a.where.line, a.where.column, a.severity) <
           std::tuple(b.where.line, b.where.column, b.severity);
  });
}

}  // namespace agp::policy
