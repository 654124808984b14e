// Scratch directories and files renamed into place (see output_file.h).
#include "report/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <system_error>
#include <utility>
#include <vector>

namespace agp::report {
namespace {

namespace fs = std::filesystem;

core::Error CannotWrite(const std::string& path, int err) {
  return core::Error(core::ErrorCode::kIo,
                     "«" + path + "»: kan ikke skrive filen (" + std::strerror(err) + ")");
}

// The process's umask, read without changing it (Linux ≥ 4.7 shows it in /proc/self/status).
mode_t CurrentUmask() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("Umask:", 0) == 0)
      return static_cast<mode_t>(std::strtol(line.c_str() + 6, nullptr, 8));
  }
  return 022;
}

}  // namespace

core::Result<TempDir> TempDir::Create(std::string_view prefix) {
  std::error_code ec;
  fs::path base = fs::temp_directory_path(ec);
  if (ec) base = "/tmp";
  std::string pattern = (base / (std::string(prefix) + "XXXXXX")).string();
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (mkdtemp(buffer.data()) == nullptr) {
    return core::Error(core::ErrorCode::kIo, "«" + base.string() +
                                                 "»: kan ikke lage en midlertidig mappe (" +
                                                 std::strerror(errno) + ")");
  }
  return TempDir(fs::path(buffer.data()));
}

TempDir::TempDir(TempDir&& other) noexcept : path_(std::exchange(other.path_, {})) {}

TempDir& TempDir::operator=(TempDir&& other) noexcept {
  if (this != &other) {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
    path_ = std::exchange(other.path_, {});
  }
  return *this;
}

TempDir::~TempDir() {
  std::error_code ec;
  if (!path_.empty()) fs::remove_all(path_, ec);
}

core::Result<PendingFile> PendingFile::Create(const std::string& destination) {
  const fs::path dest(destination);
  fs::path dir = dest.parent_path();
  if (dir.empty()) dir = ".";
  std::string pattern = (dir / ("." + dest.filename().string() + ".XXXXXX")).string();
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  const int fd = mkstemp(buffer.data());
  if (fd < 0) return CannotWrite(destination, errno);
  fchmod(fd, 0666 & ~CurrentUmask());
  close(fd);
  return PendingFile(fs::path(buffer.data()), destination);
}

PendingFile::PendingFile(PendingFile&& other) noexcept
    : path_(std::exchange(other.path_, {})), destination_(std::move(other.destination_)) {}

PendingFile& PendingFile::operator=(PendingFile&& other) noexcept {
  if (this != &other) {
    std::error_code ec;
    if (!path_.empty()) fs::remove(path_, ec);
    path_ = std::exchange(other.path_, {});
    destination_ = std::move(other.destination_);
  }
  return *this;
}

PendingFile::~PendingFile() {
  std::error_code ec;
  if (!path_.empty()) fs::remove(path_, ec);
}

core::Status PendingFile::Commit() {
  const int fd = open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 || fsync(fd) != 0) {
    const int err = errno;
    if (fd >= 0) close(fd);
    return CannotWrite(destination_, err);
  }
  close(fd);
  if (std::rename(path_.c_str(), destination_.c_str()) != 0)
    return CannotWrite(destination_, errno);
  path_.clear();
  return core::Ok{};
}

core::Status WriteFileAtomically(const std::string& path, std::string_view content) {
  auto file = PendingFile::Create(path);
  if (!file.ok()) return file.error();
  {
    std::ofstream out(file->path(), std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.close();
    if (!out) return CannotWrite(path, EIO);
  }
  return file->Commit();
}

std::string LowerExtension(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  for (char& c : ext) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return ext;
}

}  // namespace agp::report
