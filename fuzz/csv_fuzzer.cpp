// libFuzzer target for the CSV path: decoding, separator detection, the reader, and the value
// parsers that validation applies to every field.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/date.h"
#include "core/text.h"
#include "ingest/csv_reader.h"
#include "ingest/field_parse.h"
#include "ingest/national_id.h"
#include "ingest/package_schema.h"
#include "ingest/text_decode.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto decoded =
      agp::ingest::DecodeText(std::string(reinterpret_cast<const char*>(data), size), "f.csv");
  if (!decoded.ok()) return 0;
  agp::ingest::CsvReader reader("f.csv", decoded->text);
  agp::ingest::Row row;
  int last_line = 0;
  while (reader.Next(&row)) {
    if (row.line < last_line) __builtin_trap();  // lines never go backwards
    last_line = row.line;
    for (const agp::ingest::Field& f : row.fields) {
      if (f.column < 1) __builtin_trap();
      (void)agp::ingest::ParseNumber(f.text);
      (void)agp::ingest::ParseInteger(f.text);
      (void)agp::ingest::ParseFlag(f.text);
      (void)agp::core::ParseDate(agp::ingest::Trim(f.text));
      (void)agp::ingest::LooksLikeNationalId(f.text);
      // Masking leaves no number behind and touches nothing else.
      const std::string masked = agp::ingest::MaskNationalIds(f.text);
      if (agp::ingest::ContainsNationalId(masked)) __builtin_trap();
      if (!agp::ingest::ContainsNationalId(f.text) && masked != f.text) __builtin_trap();
      (void)agp::ingest::KeyProblem(agp::ingest::Trim(f.text));
      (void)agp::core::ControlCharacterIn(f.text);
    }
  }
  return 0;
}
