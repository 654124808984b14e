// libFuzzer target for the XLSX path: the ZIP container, the workbook parts and every sheet.
//
// An input that starts with "PK" is opened as an .xlsx file as it is (the seeds in
// corpus/xlsx/*.xlsx). Any other input is a list of workbook parts separated by '\x01', in the
// order of kParts, which is packed into a stored (uncompressed) ZIP archive first: mutations then
// reach the XML readers instead of failing the ZIP checksums. Parts left out get a plain default
// (corpus/xlsx/*.parts).
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/xlsx_reader.h"

namespace {

struct Part {
  const char* name;
  const char* fallback;  // used when the input has no such part; nullptr: left out
};

constexpr std::array<Part, 6> kParts = {{
    {"xl/worksheets/sheet1.xml", nullptr},
    {"xl/sharedStrings.xml", nullptr},
    {"xl/styles.xml", nullptr},
    {"xl/workbook.xml",
     R"(<workbook xmlns:r="r"><sheets><sheet name="a" r:id="rId1"/></sheets></workbook>)"},
    {"xl/_rels/workbook.xml.rels",
     R"(<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>)"},
    {"_rels/.rels", nullptr},
}};

uint32_t Crc32(std::string_view data) {
  uint32_t crc = 0xFFFFFFFFu;
  for (const char c : data) {
    crc ^= static_cast<unsigned char>(c);
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

void Put(std::string& out, uint32_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) out += static_cast<char>((value >> (8 * i)) & 0xFF);
}

// A ZIP archive (PKWARE APPNOTE 4.3) holding `files` stored, without compression.
std::string StoredZip(const std::vector<std::pair<std::string, std::string>>& files) {
  std::string zip, directory;
  for (const auto& [name, data] : files) {
    const uint32_t offset = static_cast<uint32_t>(zip.size());
    const uint32_t crc = Crc32(data);
    const uint32_t size = static_cast<uint32_t>(data.size());
    Put(zip, 0x04034b50, 4);  // local file header
    Put(zip, 20, 2);          // version needed
    Put(zip, 0, 2);           // flags
    Put(zip, 0, 2);           // method: stored
    Put(zip, 0, 4);           // time and date
    Put(zip, crc, 4);
    Put(zip, size, 4);
    Put(zip, size, 4);
    Put(zip, static_cast<uint32_t>(name.size()), 2);
    Put(zip, 0, 2);  // extra field length
    zip += name;
    zip += data;
    Put(directory, 0x02014b50, 4);  // central directory header
    Put(directory, 20, 2);          // version made by
    Put(directory, 20, 2);          // version needed
    Put(directory, 0, 2);
    Put(directory, 0, 2);
    Put(directory, 0, 4);
    Put(directory, crc, 4);
    Put(directory, size, 4);
    Put(directory, size, 4);
    Put(directory, static_cast<uint32_t>(name.size()), 2);
    Put(directory, 0, 2);  // extra field
    Put(directory, 0, 2);  // comment
    Put(directory, 0, 2);  // disk
    Put(directory, 0, 2);  // internal attributes
    Put(directory, 0, 4);  // external attributes
    Put(directory, offset, 4);
    directory += name;
  }
  const uint32_t directory_offset = static_cast<uint32_t>(zip.size());
  zip += directory;
  Put(zip, 0x06054b50, 4);  // end of central directory
  Put(zip, 0, 2);
  Put(zip, 0, 2);
  Put(zip, static_cast<uint32_t>(files.size()), 2);
  Put(zip, static_cast<uint32_t>(files.size()), 2);
  Put(zip, static_cast<uint32_t>(directory.size()), 4);
  Put(zip, directory_offset, 4);
  Put(zip, 0, 2);
  return zip;
}

std::string FromParts(std::string_view input) {
  std::vector<std::string_view> given;  // the last part takes the rest, '\x01' included
  for (;;) {
    const size_t cut = input.find('\x01');
    if (cut == std::string_view::npos || given.size() + 1 == kParts.size()) {
      given.push_back(input);
      break;
    }
    given.push_back(input.substr(0, cut));
    input.remove_prefix(cut + 1);
  }
  std::vector<std::pair<std::string, std::string>> files;
  for (size_t i = 0; i < kParts.size(); ++i) {
    if (i < given.size()) {
      files.emplace_back(kParts[i].name, given[i]);
    } else if (kParts[i].fallback != nullptr) {
      files.emplace_back(kParts[i].name, kParts[i].fallback);
    }
  }
  return StoredZip(files);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string bytes = input.starts_with("PK") ? std::string(input) : FromParts(input);
  // Small limits, so that inputs of a few kilobytes reach every limit's path.
  agp::ingest::XlsxLimits limits;
  limits.max_workbook_bytes = 1 << 20;
  limits.max_sheet_bytes = 512 << 10;
  limits.max_shared_strings_bytes = 256 << 10;
  limits.max_other_part_bytes = 64 << 10;
  limits.max_sheet_text_bytes = 64 << 10;
  auto book = agp::ingest::XlsxWorkbook::OpenBytes("f.xlsx", std::move(bytes), limits);
  if (!book.ok()) return 0;
  for (const std::string& name : book->sheet_names()) {
    auto sheet = book->OpenSheet(name);
    if (!sheet.ok()) continue;
    agp::ingest::TableReader& reader = **sheet;
    agp::ingest::Row row;
    while (reader.Next(&row)) {
      // The reader's contract: rows numbered 1 … 1048576 and not wholly empty, fields numbered
      // 1, 2, 3 … in order.
      if (row.line < 1 || row.line > 1048576) __builtin_trap();
      bool any = false;
      for (size_t i = 0; i < row.fields.size(); ++i) {
        if (row.fields[i].column != static_cast<int>(i) + 1) __builtin_trap();
        any = any || !row.fields[i].text.empty();
      }
      if (!any || reader.bytes_read() > reader.bytes_total()) __builtin_trap();
    }
    for (const agp::core::Error& problem : reader.problems()) {
      if (problem.message().empty()) __builtin_trap();
    }
  }
  return 0;
}
