// Numbered schema migrations. Migration N takes the schema from version N-1 to N; they are applied
// in order, each in its own transaction, and never edited once released: a change is a new one.
#pragma once

#include <string_view>
#include <vector>

namespace agp::store {

struct Migration {
  int version;
  std::string_view description;
  std::string_view sql;
};

// All migrations, oldest first; versions are 1, 2, 3 … without gaps.
const std::vector<Migration>& Migrations();

}  // namespace agp::store
