// Where a package's tables come from: a folder of CSV files, a .zip of them, or one .xlsx
// workbook with sheets of the same names (DESIGN.md §3).
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "ingest/package_schema.h"
#include "ingest/table_reader.h"
#include "ingest/text_decode.h"
#include "ingest/xlsx_reader.h"

namespace agp::ingest {

// Text that a reader points into: a mapped file or a string; shared with the checksum thread.
class TextBuffer {
 public:
  virtual ~TextBuffer() = default;
  virtual std::string_view view() const = 0;
};

// One table of the package, opened for reading.
struct OpenedTable {
  std::string display_name;  // as used in messages: "units.csv", "pakke.zip/units.csv",
                             // "pakke.xlsx[units]"
  std::unique_ptr<TableReader> reader;
  std::optional<Encoding> encoding;        // CSV only
  char separator = 0;                      // CSV only
  std::shared_ptr<const TextBuffer> text;  // the decoded text the reader points into (CSV)
};

// How large a package may be (guards against zip bombs), documented in docs/import-format.md.
// The biggest real package, the whole municipal sector over five years, is 705 MB of CSV with
// absence.csv about 300 MB (docs/performance.md): the limits leave room for ten times that.
// Tests give smaller ones to reach them.
struct PackageLimits {
  // A .zip: each CSV file unpacked, and all of them together. A file is unpacked to a temporary
  // file (TMPDIR) and mapped, not held in memory; that folder needs room for them.
  uint64_t max_file_bytes = uint64_t{4} << 30;
  uint64_t max_package_bytes = uint64_t{8} << 30;
  XlsxLimits xlsx;  // an .xlsx workbook
};

class PackageSource {
 public:
  virtual ~PackageSource() = default;

  // Opens the package at `path`: a directory, a file ending .zip, or a file ending .xlsx. A
  // package over `limits` is refused (kInvalidInput) when the table that passes them is opened,
  // with a message that names the limit.
  static core::Result<std::unique_ptr<PackageSource>> Open(const std::filesystem::path& path,
                                                           const PackageLimits& limits = {});

  // The package as it should be named in messages ("pakke.zip", "data/").
  virtual std::string name() const = 0;
  // Whether the table for `spec` is in the package.
  virtual bool Has(const FileSpec& spec) const = 0;
  // Files or sheets that are not part of the contract (reported as warnings).
  virtual std::vector<std::string> UnknownEntries() const = 0;
  // Opens the table for `spec`; its bytes are read (and decoded) now and count toward the
  // checksum. Each table is opened at most once; different tables may be opened on different
  // threads at the same time.
  virtual core::Result<OpenedTable> OpenTable(const FileSpec& spec) = 0;
  // Hex XXH3-128 over the names and decoded text of every CSV table opened so far (a folder
  // and a .zip of the same files agree), or over the bytes of an .xlsx workbook.
  virtual std::string Checksum() = 0;
  // Bytes of table data opened so far (after decoding).
  virtual size_t bytes_opened() const = 0;
};

}  // namespace agp::ingest
