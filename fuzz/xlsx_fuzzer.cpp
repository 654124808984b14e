// libFuzzer target for the XLSX path: the ZIP container, the workbook parts and every sheet.
#include <cstddef>
#include <cstdint>
#include <string>

#include "ingest/xlsx_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto book = agp::ingest::XlsxWorkbook::OpenBytes(
      "f.xlsx", std::string(reinterpret_cast<const char*>(data), size));
  if (!book.ok()) return 0;
  for (const std::string& name : book->sheet_names()) {
    auto sheet = book->OpenSheet(name);
    if (!sheet.ok()) continue;
    agp::ingest::Row row;
    while ((*sheet)->Next(&row)) {
      for (const agp::ingest::Field& f : row.fields) {
        if (f.column < 1) __builtin_trap();
      }
    }
  }
  return 0;
}
