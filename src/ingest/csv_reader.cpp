#include "ingest/csv_reader.h"

#include <cstring>

namespace agp::ingest {
namespace {

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Characters (not bytes) in [p, end).
int CharCount(const char* p, const char* end) {
  int n = 0;
  for (; p < end; ++p) n += IsContinuation(*p) ? 0 : 1;
  return n;
}

}  // namespace

char DetectSeparator(std::string_view text) {
  int commas = 0, semicolons = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') {
      quoted = !quoted;
    } else if (!quoted) {
      if (c == '\n' || c == '\r') break;
      if (c == ',') ++commas;
      if (c == ';') ++semicolons;
    }
  }
  return semicolons > commas ? ';' : ',';
}

CsvReader::CsvReader(std::string file_name, std::string_view text, char separator)
    : file_(std::move(file_name)),
      text_(text),
      sep_(separator != 0 ? separator : DetectSeparator(text)) {}

bool CsvReader::Next(Row* row) {
  while (ReadRecord(row)) {
    for (const Field& f : row->fields) {
      if (!f.text.empty()) return true;
    }
  }
  return false;
}

bool CsvReader::ReadRecord(Row* row) {
  const char* const begin = text_.data();
  const char* const end = begin + text_.size();
  const char* p = begin + pos_;
  if (p >= end) return false;

  row->line = line_;
  row->fields.clear();
  const char* line_start = p;
  int column_chars = 1;  // character column of the current field's start
  size_t slot = 0;

  while (true) {
    Field field;
    field.column = column_chars;
    const char* field_start = p;
    const char* field_line_start = line_start;
    if (p < end && *p == '"') {
      // Quoted field: find the closing quote, unescaping "" when present.
      const int open_line = line_;
      const int open_column = column_chars;
      ++p;
      const char* content = p;
      bool doubled = false;
      bool closed = false;
      while (p < end) {
        const char* q = static_cast<const char*>(std::memchr(p, '"', static_cast<size_t>(end - p)));
        if (q == nullptr) {
          p = end;
          break;
        }
        // Count line breaks inside the quoted text for the line numbers after it.
        for (const char* r = p; r < q; ++r) {
          if (*r == '\n' || (*r == '\r' && (r + 1 >= q || r[1] != '\n'))) {
            ++line_;
            line_start = r + 1;
          }
        }
        if (q + 1 < end && q[1] == '"') {
          doubled = true;
          p = q + 2;
          continue;
        }
        p = q + 1;
        closed = true;
        break;
      }
      if (!closed) {
        // Count the remaining line breaks so later messages stay right, then report.
        problems_.emplace_back(core::ErrorCode::kInvalidInput,
                               "et felt i anførselstegn er ikke avsluttet (et \" mangler)",
                               core::Location{file_, open_line, open_column});
        field.text = std::string_view(content, static_cast<size_t>(end - content));
      } else {
        const char* close = p - 1;
        if (doubled) {
          if (unescaped_.size() <= slot) unescaped_.resize(slot + 1);
          std::string& buf = unescaped_[slot++];
          buf.clear();
          for (const char* r = content; r < close; ++r) {
            buf.push_back(*r);
            if (*r == '"') ++r;  // skip the second quote of a pair
          }
          field.text = buf;
        } else {
          field.text = std::string_view(content, static_cast<size_t>(close - content));
        }
        if (p < end && *p != sep_ && *p != '\n' && *p != '\r') {
          problems_.emplace_back(
              core::ErrorCode::kInvalidInput,
              "uventet tekst etter et avsluttende anførselstegn (et \" inne i et felt i "
              "anførselstegn må skrives dobbelt: \"\")",
              core::Location{file_, line_, CharCount(line_start, p) + 1});
          // Skip to the end of the field.
          while (p < end && *p != sep_ && *p != '\n' && *p != '\r') ++p;
        }
      }
    } else {
      while (p < end && *p != sep_ && *p != '\n' && *p != '\r') ++p;
      field.text = std::string_view(field_start, static_cast<size_t>(p - field_start));
    }
    row->fields.push_back(field);

    if (p >= end) {
      pos_ = text_.size();
      return true;
    }
    if (*p == sep_) {
      ++p;
      // Incremental, so a long line costs linear time; a field that spanned lines starts over.
      column_chars = line_start == field_line_start ? column_chars + CharCount(field_start, p)
                                                    : CharCount(line_start, p) + 1;
      continue;
    }
    // End of record.
    if (*p == '\r' && p + 1 < end && p[1] == '\n') ++p;
    ++p;
    ++line_;
    pos_ = static_cast<size_t>(p - begin);
    return true;
  }
}

}  // namespace agp::ingest
