// Reading the entries of a ZIP archive (a zipped package, or the container of an .xlsx workbook),
// from a file or from bytes in memory. PKWARE APPNOTE.TXT; read with zlib's minizip.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace agp::ingest {

// "4 GiB", "256 MiB", "1,5 GiB": a size limit for a message, in Norwegian.
std::string SizeText(uint64_t bytes);

// An open ZIP archive. Movable, not copyable; a moved-from archive may only be destroyed or
// assigned to. The directory is read with zlib's minizip when the archive is opened; entries are
// unpacked by this class (positioned reads and zlib's inflate), so Read and ReadInto may run on
// several threads at once. ZIP64 (APPNOTE 4.5.3) is read here too: Debian 12's minizip 1.1
// ignores the ZIP64 extra field on 64-bit systems, and failed entries of 2 GiB and more that
// Python's zipfile writes, and every entry of 4 GiB and more.
//
// Errors carry the archive's name as their file ("pakke.zip"), or "archive/entry" for the
// problems of one entry; messages are in Norwegian, for the person who made the file:
//   kIo           the file cannot be opened or read;
//   kInvalidInput not a ZIP archive, a damaged one, or an entry that cannot be unpacked
//                 (encrypted, an unknown compression method, larger unpacked than the limit the
//                 caller gives: the message names the limit);
//   kNotFound     Read() of a name that is not in the archive.
class ZipArchive {
 public:
  // The most any entry may unpack to (a guard against zip bombs); callers give lower limits.
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
  // The unpacked size the archive declares for `entry` (0 for a name that is not in it). Read
  // and ReadInto never deliver more, nor less: an entry whose data differ is damaged.
  uint64_t DeclaredSize(std::string_view entry) const;

  // Unpacks `entry` (a name from entry_names()) piece by piece, 64 KiB at a time, into `sink`,
  // so that the whole of it need not be in memory. Refused before anything is unpacked when the
  // archive declares more than `max_bytes` (at most kMaxEntryBytes) for it; refused as damaged
  // when the data do not match the size or checksum the archive declares (`sink` may have had
  // part of it by then). When `sink` returns false, unpacking stops and the result is the kIo
  // error "kan ikke skrive det som pakkes ut".
  core::Status ReadInto(std::string_view entry, uint64_t max_bytes,
                        const std::function<bool(std::string_view)>& sink) const;
  // The whole unpacked content of `entry`, under the same rules.
  core::Result<std::string> Read(std::string_view entry, uint64_t max_bytes = kMaxEntryBytes) const;

 private:
  struct State;
  explicit ZipArchive(std::unique_ptr<State> state);
  static core::Result<ZipArchive> Index(std::unique_ptr<State> state);

  std::unique_ptr<State> state_;
};

}  // namespace agp::ingest
