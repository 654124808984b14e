// Reading the entries of a ZIP archive held in memory (a zipped package, or an .xlsx workbook).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace agp::ingest {

// A ZIP archive in memory. Not thread-safe: one reader at a time (the package source locks).
class ZipArchive {
 public:
  // Reads the file at `path` whole and opens it.
  static core::Result<ZipArchive> OpenFile(const std::string& path);
  // Opens `bytes`; `name` is what messages call the archive.
  static core::Result<ZipArchive> OpenBytes(std::string name, std::string bytes);

  ZipArchive(ZipArchive&&) noexcept;
  ZipArchive& operator=(ZipArchive&&) noexcept;
  ~ZipArchive();

  // Names of the files in the archive (folders left out), in archive order.
  const std::vector<std::string>& entry_names() const { return entries_; }
  // The whole uncompressed content of `entry`. Entries that claim more than 4 GiB, or whose data
  // does not match what the archive says (a damaged or crafted archive), are refused.
  core::Result<std::string> Read(std::string_view entry) const;

 private:
  struct State;
  explicit ZipArchive(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
  std::vector<std::string> entries_;
};

}  // namespace agp::ingest
