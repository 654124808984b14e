// An RFC 4180 CSV reader over UTF-8 text held in memory.
#pragma once

#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/table_reader.h"

namespace agp::ingest {

// Comma or semicolon, whichever the header line (outside quotes) has more of; comma on a tie.
char DetectSeparator(std::string_view text);

// Reads records separated by LF, CRLF or CR; fields separated by `separator`; fields in double
// quotes may hold separators, line breaks and doubled quotes (""). Leniencies, as spreadsheets
// write them: a quote inside an unquoted field is kept as a character. Problems reported: a
// quoted field that is never closed, text after a closing quote.
//
// `text` must outlive the reader. Field views point into `text` or into the reader's own buffer
// for fields that had doubled quotes, and stay valid until the next call of Next.
class CsvReader final : public TableReader {
 public:
  CsvReader(std::string file_name, std::string_view text, char separator = 0);

  bool Next(Row* row) override;
  const std::vector<core::Error>& problems() const override { return problems_; }
  size_t bytes_read() const override { return pos_; }
  size_t bytes_total() const override { return text_.size(); }

  char separator() const { return sep_; }

 private:
  // Reads one physical record into `row`; false at the end of the text.
  bool ReadRecord(Row* row);

  std::string file_;
  std::string_view text_;
  char sep_;
  size_t pos_ = 0;
  int line_ = 1;  // line number at pos_
  // Storage for fields with doubled quotes, one per field slot. A deque: growing it must not move
  // the strings that earlier fields of the row point into.
  std::deque<std::string> unescaped_;
  std::vector<core::Error> problems_;
};

}  // namespace agp::ingest
