#include "ingest/text_decode.h"

#include <cstdint>

namespace agp::ingest {
namespace {

// Windows-1252 0x80..0x9F; the rest of the upper half equals Latin-1 (U+00A0..U+00FF).
constexpr uint16_t kHigh1252[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

}  // namespace

void AppendUtf8(std::string* out, char32_t cp) {
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = 0xFFFD;
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string_view ToString(Encoding e) {
  switch (e) {
    case Encoding::kUtf8:
      return "UTF-8";
    case Encoding::kUtf8WithBom:
      return "UTF-8 with BOM";
    case Encoding::kWindows1252:
      return "Windows-1252";
  }
  return "";
}

std::string Windows1252ToUtf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out.push_back(ch);
    } else if (c < 0xA0) {
      AppendUtf8(&out, kHigh1252[c - 0x80]);
    } else {
      AppendUtf8(&out, c);
    }
  }
  return out;
}

core::Result<Encoding> DetectEncoding(std::string_view bytes, const std::string& file_name) {
  if (bytes.size() >= 2 &&
      ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF'))) {
    return core::Error(core::ErrorCode::kInvalidInput,
                       "filen er UTF-16 (Excels «Unicode-tekst»); lagre den som «CSV UTF-8» eller "
                       "«CSV (semikolondelt)» i stedet",
                       {file_name, 1, 1});
  }
  const bool bom = bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF";
  if (IsValidUtf8(bom ? bytes.substr(3) : bytes)) {
    return bom ? Encoding::kUtf8WithBom : Encoding::kUtf8;
  }
  if (bom) {
    return core::Error(core::ErrorCode::kInvalidInput,
                       "filen starter med et UTF-8-merke (BOM), men er ikke gyldig UTF-8",
                       {file_name, 1, 1});
  }
  return Encoding::kWindows1252;
}

core::Result<DecodedText> DecodeText(std::string bytes, const std::string& file_name) {
  auto encoding = DetectEncoding(bytes, file_name);
  if (!encoding.ok()) return encoding.error();
  DecodedText out;
  out.encoding = *encoding;
  switch (*encoding) {
    case Encoding::kUtf8:
      out.text = std::move(bytes);
      break;
    case Encoding::kUtf8WithBom:
      out.text = bytes.substr(3);
      break;
    case Encoding::kWindows1252:
      out.text = Windows1252ToUtf8(bytes);
      break;
  }
  return out;
}

}  // namespace agp::ingest
