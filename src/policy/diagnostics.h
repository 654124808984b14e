// What `agp policy check` reports: errors (the file is broken) and warnings (a goal cannot be
// measured, a measure has no owner …), each with file:line:column and the node it concerns.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"

namespace agp::policy {

struct Diagnostic {
  enum class Severity { kError, kWarning };
  Severity severity = Severity::kError;
  core::Location where;
  std::string node;  // "id «title»" of the node concerned, "" for the document itself
  std::string message;

  // "file:line:column: feil|advarsel: [node: ]message".
  std::string ToString() const;
};

class Diagnostics {
 public:
  explicit Diagnostics(std::string file) : file_(std::move(file)) {}

  void Error(int line, int column, std::string node, std::string message);
  void Warning(int line, int column, std::string node, std::string message);

  const std::vector<Diagnostic>& items() const { return items_; }
  int error_count() const { return errors_; }
  int warning_count() const { return static_cast<int>(items_.size()) - errors_; }
  const std::string& file() const { return file_; }

  // Orders by position in the file, errors before warnings at the same place.
  void Sort();

 private:
  std::string file_;
  std::vector<Diagnostic> items_;
  int errors_ = 0;
};

}  // namespace agp::policy
