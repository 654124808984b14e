// Turning a file's bytes into UTF-8 text: UTF-8 with or without BOM, or Windows-1252 (DESIGN §3).
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"
#include "core/text.h"

namespace agp::ingest {

enum class Encoding { kUtf8, kUtf8WithBom, kWindows1252 };

std::string_view ToString(Encoding e);

struct DecodedText {
  std::string text;  // UTF-8, without BOM
  Encoding encoding = Encoding::kUtf8;
};

// Appends code point `cp` as UTF-8; a surrogate or anything above U+10FFFF becomes U+FFFD.
void AppendUtf8(std::string* out, char32_t cp);

// True when `bytes` is well-formed UTF-8 (core/text.h; the evidence files of followup use it too).
using core::IsValidUtf8;

// Windows-1252 to UTF-8. The five code points 1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90,
// 0x9D) map to the C1 controls of the same value, as WHATWG's decoder does.
std::string Windows1252ToUtf8(std::string_view bytes);

// A UTF-8 BOM is dropped; text that is valid UTF-8 is kept as it is; anything else is read as
// Windows-1252, the encoding Excel on Norwegian Windows saves "CSV" in. UTF-16 (a BOM FF FE or
// FE FF) is refused with an error that says how to save the file instead.
core::Result<DecodedText> DecodeText(std::string bytes, const std::string& file_name);

// The same decision without copying: the encoding of `bytes` (the text is then `bytes` itself,
// after the 3-byte BOM for kUtf8WithBom, or Windows1252ToUtf8(bytes)), or the error.
core::Result<Encoding> DetectEncoding(std::string_view bytes, const std::string& file_name);

}  // namespace agp::ingest
