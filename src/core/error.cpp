#include "core/error.h"

namespace agp::core {

std::string Location::ToString() const {
  std::string out = file;
  if (line > 0) {
    out += ':' + std::to_string(line);
    if (column > 0) out += ':' + std::to_string(column);
  }
  return out;
}

std::string Error::ToString() const {
  std::string where = location_.ToString();
  if (where.empty()) return message_;
  return where + ": " + message_;
}

}  // namespace agp::core
