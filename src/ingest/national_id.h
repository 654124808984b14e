// Recognising Norwegian national identity numbers (fødselsnummer, D-nummer), which a
// pseudonymous package must not contain (DESIGN §3), and keeping them out of messages, logs and
// file names.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace agp::ingest {

// True when `text` is 11 digits (or 6 digits, one separator, 5 digits; see FindNationalId) whose
// two control digits pass the mod-11 checks of the national registry (Skatteetaten,
// "Fødselsnummer": k1 weights 3 7 6 1 8 9 4 5 2, k2 weights 5 4 3 2 7 6 5 4 3 2). The date part
// is not checked, so D-numbers (day + 40), H-numbers and synthetic test numbers are caught too.
bool LooksLikeNationalId(std::string_view text);

// Where a national identity number stands in `text`: [begin, begin + size).
struct NationalIdSpan {
  size_t begin = 0;
  size_t size = 0;
};

// The first national identity number anywhere in `text` at or after `from`: a run of exactly 11
// digits, or a run of exactly 6 digits (the birth date), one separator (space, no-break space,
// "-" or ".") and a run of exactly 5 digits (the person number), whose control digits pass the
// mod-11 checks. Digits that are part of a longer run of digits are not one ("123456789012" is
// none); anything else may stand around it: "Kari Nordmann 15038500047", "150385-00047",
// "(15038500047)". Linear in the length of `text`.
std::optional<NationalIdSpan> FindNationalId(std::string_view text, size_t from = 0);

// Whether FindNationalId finds one.
inline bool ContainsNationalId(std::string_view text) { return FindNationalId(text).has_value(); }

// `text` with every national identity number replaced by 11 asterisks: "K ***********". What
// every message, log entry and file name that may quote a value from outside is passed through.
std::string MaskNationalIds(std::string_view text);

// `nine` digits followed by their two control digits, or "" when no control digit exists for
// them (k1 or k2 would be 10). For tests and synthetic data.
std::string AppendControlDigits(std::string_view nine);

}  // namespace agp::ingest
