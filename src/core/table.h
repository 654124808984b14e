// One interface over the rows of a CSV file or an XLSX sheet, so that validation reads both alike
// and the layers above ingest (staffing) can read rows without knowing the file (DESIGN §2).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace agp::core {

// A cell of a row. `text` is UTF-8 and stays valid until the next call of TableReader::Next.
struct Field {
  std::string_view text;
  int column = 0;  // CSV: 1-based character column where the field starts; XLSX: column number
  // Set by whoever checks the row (not by the readers) when the field was refused and reported;
  // its text is then empty and nothing more is said about it.
  bool refused = false;
};

struct Row {
  int line = 0;  // CSV: 1-based line where the record starts; XLSX: the row number
  std::vector<Field> fields;
};

// Reads the rows of one table, header first. Not thread-safe; one reader per table.
class TableReader {
 public:
  virtual ~TableReader() = default;

  // Fills `row` with the next row and returns true, or returns false at the end. Rows that are
  // wholly empty are skipped. A malformed row (an unterminated quote) is reported through
  // problems() and reading goes on where it can.
  virtual bool Next(Row* row) = 0;

  // Problems found in the file's structure so far (not in its values), with locations.
  virtual const std::vector<Error>& problems() const = 0;

  // Bytes consumed so far and the total, for progress; 0 total when unknown.
  virtual size_t bytes_read() const = 0;
  virtual size_t bytes_total() const = 0;
};

}  // namespace agp::core
