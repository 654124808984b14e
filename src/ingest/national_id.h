// Recognising Norwegian national identity numbers (fødselsnummer, D-nummer), which a
// pseudonymous package must not contain (DESIGN §3).
#pragma once

#include <string>
#include <string_view>

namespace agp::ingest {

// True when `text` is 11 digits (or 6 digits, one space, 5 digits) whose two control digits
// pass the mod-11 checks of the national registry (Skatteetaten, "Fødselsnummer":
// k1 weights 3 7 6 1 8 9 4 5 2, k2 weights 5 4 3 2 7 6 5 4 3 2). The date part is not checked,
// so D-numbers, H-numbers and synthetic test numbers are caught too.
bool LooksLikeNationalId(std::string_view text);

// `nine` digits followed by their two control digits, or "" when no control digit exists for
// them (k1 or k2 would be 10). For tests and synthetic data.
std::string AppendControlDigits(std::string_view nine);

}  // namespace agp::ingest
