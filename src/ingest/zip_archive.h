// Reading the entries of a ZIP archive (a zipped package, or the container of an .xlsx workbook),
// from a file or from bytes in memory. PKWARE APPNOTE.TXT; read with zlib's minizip.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace agp::ingest {

// An open ZIP archive. Movable, not copyable; a moved-from archive may only be destroyed or
// assigned to. Not thread-safe, Read() included: it moves the archive's one read position, so
// callers that read from several threads hold a lock around it.
//
// Errors carry the archive's name as their file ("pakke.zip"), or "archive/entry" for the
// problems of one entry; messages are in Norwegian, for the person who made the file:
//   kIo           the file cannot be opened or read;
//   kInvalidInput not a ZIP archive, a damaged one, or an entry that cannot be unpacked
//                 (encrypted, an unknown compression method, larger than kMaxEntryBytes);
//   kNotFound     Read() of a name that is not in the archive.
class ZipArchive {
 public:
  // Entries that unpack to more than this are refused (a guard against zip bombs).
  static constexpr uint64_t kMaxEntryBytes = uint64_t{4} << 30;

  // Reads the archive from the file at `path`, which stays open until the archive is destroyed.
  // Messages name the archive by the last part of `path`.
  static core::Result<ZipArchive> OpenFile(const std::string& path);
  // Reads the archive from `bytes`; `name` is what messages call it.
  static core::Result<ZipArchive> OpenBytes(std::string name, std::string bytes);

  ZipArchive(ZipArchive&&) noexcept;
  ZipArchive& operator=(ZipArchive&&) noexcept;
  ~ZipArchive();

  const std::string& name() const;
  // The files in the archive in archive order, each once; folders are left out. Names are UTF-8:
  // a name that is not, and is not flagged as UTF-8, is read in code page 865 (the DOS code page
  // that Norwegian Windows' zip tools use), so "ansatte_\x9B.csv" lists as "ansatte_ø.csv".
  const std::vector<std::string>& entry_names() const;
  // Whether `entry` is one of entry_names(), compared exactly.
  bool Contains(std::string_view entry) const;
  // The whole unpacked content of `entry` (a name from entry_names()). Refused as damaged when
  // the data does not match the size or checksum the archive declares for it.
  core::Result<std::string> Read(std::string_view entry) const;

 private:
  struct State;
  explicit ZipArchive(std::unique_ptr<State> state);
  static core::Result<ZipArchive> Index(std::unique_ptr<State> state);

  std::unique_ptr<State> state_;
};

}  // namespace agp::ingest
