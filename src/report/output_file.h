// Files the report is written to: a scratch directory that is removed with everything in it, and
// a file written beside its destination and renamed into place, so that a reader never sees half
// a report and a failed write leaves the old file (or none) where it was.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/error.h"

namespace agp::report {

// A fresh directory under the system's temporary directory (TMPDIR), removed with its contents
// when this object is destroyed. Move-only.
class TempDir {
 public:
  // `prefix` starts the directory's name ("agp-pdf-"). kIo when it cannot be created.
  static core::Result<TempDir> Create(std::string_view prefix);

  TempDir(TempDir&& other) noexcept;
  TempDir& operator=(TempDir&& other) noexcept;
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir();

  const std::filesystem::path& path() const { return path_; }

 private:
  explicit TempDir(std::filesystem::path path) : path_(std::move(path)) {}
  std::filesystem::path path_;
};

// An empty file created beside `destination` (same directory, hidden name), for someone to fill;
// Commit() renames it onto the destination. Removed when destroyed uncommitted. The file gets the
// permissions a newly created file would get (0666 less the umask). Move-only.
class PendingFile {
 public:
  // kIo when the destination's directory does not exist or is not writable; the message names
  // the destination.
  static core::Result<PendingFile> Create(const std::string& destination);

  PendingFile(PendingFile&& other) noexcept;
  PendingFile& operator=(PendingFile&& other) noexcept;
  PendingFile(const PendingFile&) = delete;
  PendingFile& operator=(const PendingFile&) = delete;
  ~PendingFile();

  const std::filesystem::path& path() const { return path_; }

  // Flushes the file to disk and renames it onto the destination. kIo on failure (the temporary
  // file is then removed).
  core::Status Commit();

 private:
  PendingFile(std::filesystem::path path, std::string destination)
      : path_(std::move(path)), destination_(std::move(destination)) {}
  std::filesystem::path path_;  // empty once committed or moved from
  std::string destination_;
};

// Writes `content` to `path` through a PendingFile.
core::Status WriteFileAtomically(const std::string& path, std::string_view content);

// The extension of the file name in `path`, with its dot, A–Z as a–z: ".pdf" for "Rota.PDF";
// "" when it has none. Formats are chosen by it.
std::string LowerExtension(const std::string& path);

}  // namespace agp::report
