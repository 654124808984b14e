#include "ingest/package_source.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <future>
#include <map>
#include <mutex>

#include "ingest/csv_reader.h"
#include "ingest/xlsx_reader.h"
#include "ingest/zip_archive.h"

namespace agp::ingest {
namespace {

namespace fs = std::filesystem;
using core::Error;
using core::ErrorCode;
using Digest = std::array<unsigned char, 16>;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "units.csv" → "units" when the extension is .csv (any case); otherwise nullopt.
std::optional<std::string> CsvStem(std::string_view file_name) {
  if (file_name.size() < 5) return std::nullopt;
  if (Lower(file_name.substr(file_name.size() - 4)) != ".csv") return std::nullopt;
  return Lower(file_name.substr(0, file_name.size() - 4));
}

class StringBuffer final : public TextBuffer {
 public:
  explicit StringBuffer(std::string text) : text_(std::move(text)) {}
  std::string_view view() const override { return text_; }

 private:
  std::string text_;
};

// A file mapped read-only: no copy, and the page cache is shared with other readers.
class MappedFile final : public TextBuffer {
 public:
  static core::Result<std::shared_ptr<MappedFile>> Open(const fs::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Error(ErrorCode::kIo, "kan ikke åpne filen", {path.string()});
    auto file = Map(fd, path.string());
    ::close(fd);
    return file;
  }
  // Maps the whole of the open file `fd` (which the caller closes); `name` is for messages.
  static core::Result<std::shared_ptr<MappedFile>> Map(int fd, const std::string& name) {
    struct stat st {};
    if (::fstat(fd, &st) != 0) return Error(ErrorCode::kIo, "kan ikke lese filen", {name});
    auto file = std::make_shared<MappedFile>();
    file->size_ = static_cast<size_t>(st.st_size);
    if (file->size_ > 0) {
      void* p = ::mmap(nullptr, file->size_, PROT_READ, MAP_PRIVATE, fd, 0);
      if (p == MAP_FAILED) return Error(ErrorCode::kIo, "kan ikke lese filen", {name});
      ::madvise(p, file->size_, MADV_SEQUENTIAL | MADV_WILLNEED);
      file->data_ = static_cast<const char*>(p);
    }
    return file;
  }
  MappedFile() = default;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile() override {
    if (data_ != nullptr) ::munmap(const_cast<char*>(data_), size_);
  }
  std::string_view view() const override { return {data_, size_}; }

 private:
  const char* data_ = nullptr;
  size_t size_ = 0;
};

// A file in the temporary folder (TMPDIR) that has no name: it is gone when it is closed, even
// after a crash. -1 when none can be made.
int AnonymousTempFile() {
  std::error_code ec;
  fs::path dir = fs::temp_directory_path(ec);
  if (ec) dir = "/tmp";
#ifdef O_TMPFILE
  const int fd = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd >= 0) return fd;
#endif
  std::string name = (dir / "agp-unpack-XXXXXX").string();
  const int named = ::mkstemp(name.data());
  if (named >= 0) ::unlink(name.c_str());
  return named;
}

// Unpacks `entry` of `zip` into a temporary file and maps it: a CSV file of gigabytes costs page
// cache, which the kernel can take back, not the process's memory.
core::Result<std::shared_ptr<MappedFile>> Unpack(const ZipArchive& zip, const std::string& entry,
                                                 uint64_t max_bytes) {
  const std::string where = zip.name() + "/" + entry;
  const int fd = AnonymousTempFile();
  if (fd < 0) {
    return Error(ErrorCode::kIo, "kan ikke lage en midlertidig fil å pakke ut til", {where});
  }
  core::Status unpacked = zip.ReadInto(entry, max_bytes, [fd](std::string_view piece) {
    while (!piece.empty()) {
      const ssize_t n = ::write(fd, piece.data(), piece.size());
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      piece.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  });
  if (!unpacked.ok()) {
    ::close(fd);
    if (unpacked.error().code() == ErrorCode::kIo) {
      return Error(ErrorCode::kIo,
                   "kan ikke pakke ut filen (er det plass i den midlertidige mappen, TMPDIR?)",
                   {where});
    }
    return unpacked.error();
  }
  auto mapped = MappedFile::Map(fd, where);
  ::close(fd);
  return mapped;
}

// A view of another buffer without its first bytes (a BOM).
class SkippedView final : public TextBuffer {
 public:
  SkippedView(std::shared_ptr<const TextBuffer> base, size_t skip)
      : base_(std::move(base)), skip_(skip) {}
  std::string_view view() const override { return base_->view().substr(skip_); }

 private:
  std::shared_ptr<const TextBuffer> base_;
  size_t skip_;
};

// XXH3-128: the checksum tells packages apart, it does not defend against forgery, and at
// ~20 GB/s it costs nothing beside the parsing (BLAKE2b took a core-second for a national package).
Digest Hash(std::string_view bytes) {
  const XXH128_hash_t h = XXH3_128bits(bytes.data(), bytes.size());
  XXH128_canonical_t canonical;
  XXH128_canonicalFromHash(&canonical, h);
  Digest d;
  std::memcpy(d.data(), canonical.digest, d.size());
  return d;
}

// Shared by every kind of source: the checksum, computed beside the parsing on another thread.
class SourceBase : public PackageSource {
 public:
  std::string Checksum() override {
    std::lock_guard<std::mutex> lock(mutex_);
    // By name, so that the order in which tables were opened (on two threads) does not matter.
    std::sort(parts_.begin(), parts_.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    std::string summary;  // name, NUL, digest of each part
    for (auto& [name, digest] : parts_) {
      const Digest d = digest.get();
      summary.append(name.c_str(), name.size() + 1);
      summary.append(reinterpret_cast<const char*>(d.data()), d.size());
      digest = std::async(std::launch::deferred, [d] { return d; });
    }
    const Digest out = Hash(summary);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    for (unsigned char c : out) {
      hex.push_back(kHex[c >> 4]);
      hex.push_back(kHex[c & 15]);
    }
    return hex;
  }
  size_t bytes_opened() const override {
    std::lock_guard<std::mutex> lock(mutex_);
    return bytes_opened_;
  }

 protected:
  // Hashes `text` on another thread; the text must stay alive (it is shared).
  // Tables may be opened on two threads at once.
  void AddToChecksum(std::string name, std::shared_ptr<const TextBuffer> text) {
    std::lock_guard<std::mutex> lock(mutex_);
    bytes_opened_ += text->view().size();
    parts_.emplace_back(std::move(name),
                        std::async(std::launch::async, [text] { return Hash(text->view()); }));
  }

  // `raw` holds the file's bytes; the table reads them in place when they are UTF-8.
  core::Result<OpenedTable> OpenCsv(std::string display_name, std::string stem,
                                    std::shared_ptr<const TextBuffer> raw) {
    auto encoding = DetectEncoding(raw->view(), display_name);
    if (!encoding.ok()) return encoding.error();
    OpenedTable t;
    t.display_name = std::move(display_name);
    t.encoding = *encoding;
    switch (*encoding) {
      case Encoding::kUtf8:
        t.text = std::move(raw);
        break;
      case Encoding::kUtf8WithBom:
        t.text = std::make_shared<SkippedView>(std::move(raw), 3);
        break;
      case Encoding::kWindows1252:
        t.text = std::make_shared<StringBuffer>(Windows1252ToUtf8(raw->view()));
        break;
    }
    auto reader = std::make_unique<CsvReader>(t.display_name, t.text->view());
    t.separator = reader->separator();
    t.reader = std::move(reader);
    AddToChecksum(std::move(stem), t.text);
    return t;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::pair<std::string, std::future<Digest>>> parts_;
  size_t bytes_opened_ = 0;
};

class FolderSource final : public SourceBase {
 public:
  static core::Result<std::unique_ptr<PackageSource>> Open(const fs::path& dir) {
    auto src = std::make_unique<FolderSource>();
    src->dir_ = dir;
    std::error_code ec;
    std::vector<fs::path> entries;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
      if (e.is_regular_file()) entries.push_back(e.path());
    }
    if (ec) return Error(ErrorCode::kIo, "kan ikke lese mappen: " + ec.message(), {dir.string()});
    std::sort(entries.begin(), entries.end());
    for (const fs::path& p : entries) {
      const std::string file = p.filename().string();
      auto stem = CsvStem(file);
      if (stem && FindSpec(*stem) != nullptr && !src->files_.count(*stem)) {
        src->files_[*stem] = p;
      } else {
        src->unknown_.push_back(file);
      }
    }
    return std::unique_ptr<PackageSource>(std::move(src));
  }

  std::string name() const override { return dir_.string(); }
  bool Has(const FileSpec& spec) const override { return files_.count(std::string(spec.name)) > 0; }
  std::vector<std::string> UnknownEntries() const override { return unknown_; }
  core::Result<OpenedTable> OpenTable(const FileSpec& spec) override {
    const fs::path& p = files_.at(std::string(spec.name));
    auto mapped = MappedFile::Open(p);
    if (!mapped.ok()) return mapped.error();
    return OpenCsv(p.filename().string(), std::string(spec.name), std::move(*mapped));
  }

 private:
  fs::path dir_;
  std::map<std::string, fs::path> files_;  // stem → path
  std::vector<std::string> unknown_;
};

class ZipSource final : public SourceBase {
 public:
  static core::Result<std::unique_ptr<PackageSource>> Open(const fs::path& path,
                                                           const PackageLimits& limits) {
    auto zip = ZipArchive::OpenFile(path.string());
    if (!zip.ok()) return zip.error();
    auto src = std::make_unique<ZipSource>(std::move(*zip));
    src->limits_ = limits;
    src->name_ = path.filename().string();
    for (const std::string& entry : src->zip_.entry_names()) {
      const size_t slash = entry.find_last_of('/');
      const std::string base = slash == std::string::npos ? entry : entry.substr(slash + 1);
      // macOS adds __MACOSX/ and ._ files; they are noise, not unknown data.
      if (entry.rfind("__MACOSX/", 0) == 0 || base.rfind("._", 0) == 0) continue;
      auto stem = CsvStem(base);
      if (stem && FindSpec(*stem) != nullptr && !src->entries_.count(*stem)) {
        src->entries_[*stem] = entry;
      } else {
        src->unknown_.push_back(entry);
      }
    }
    return std::unique_ptr<PackageSource>(std::move(src));
  }

  explicit ZipSource(ZipArchive zip) : zip_(std::move(zip)) {}
  std::string name() const override { return name_; }
  bool Has(const FileSpec& spec) const override {
    return entries_.count(std::string(spec.name)) > 0;
  }
  std::vector<std::string> UnknownEntries() const override { return unknown_; }
  core::Result<OpenedTable> OpenTable(const FileSpec& spec) override {
    const std::string& entry = entries_.at(std::string(spec.name));
    {
      std::lock_guard<std::mutex> lock(unpacked_mutex_);  // two reading threads
      const uint64_t size = zip_.DeclaredSize(entry);
      if (unpacked_ + size > limits_.max_package_bytes) {
        return Error(ErrorCode::kInvalidInput,
                     "pakken er mer enn " + SizeText(limits_.max_package_bytes) +
                         " pakket ut, som er grensen for en pakke",
                     {name_ + "/" + entry});
      }
      unpacked_ += size;
    }
    auto text = Unpack(zip_, entry, limits_.max_file_bytes);
    if (!text.ok()) return text.error();
    return OpenCsv(name_ + "/" + entry, std::string(spec.name), std::move(*text));
  }

 private:
  ZipArchive zip_;
  PackageLimits limits_;
  std::mutex unpacked_mutex_;
  uint64_t unpacked_ = 0;  // declared sizes of the entries opened so far
  std::string name_;
  std::map<std::string, std::string> entries_;  // stem → entry name
  std::vector<std::string> unknown_;
};

class XlsxSource final : public SourceBase {
 public:
  static core::Result<std::unique_ptr<PackageSource>> Open(const fs::path& path,
                                                           const PackageLimits& limits) {
    auto mapped = MappedFile::Open(path);  // for the checksum; the workbook reads the file
    if (!mapped.ok()) return mapped.error();
    const std::string file = path.filename().string();
    auto book = XlsxWorkbook::Open(path.string(), limits.xlsx);
    if (!book.ok()) return book.error();
    auto src = std::make_unique<XlsxSource>(std::move(*book));
    src->name_ = file;
    src->AddToChecksum(file, std::move(*mapped));
    for (const std::string& sheet : src->book_.sheet_names()) {
      std::string stem = Lower(sheet);
      if (auto s = CsvStem(sheet)) stem = *s;  // a sheet named "units.csv" is fine too
      if (FindSpec(stem) != nullptr && !src->sheets_.count(stem)) {
        src->sheets_[stem] = sheet;
      } else {
        src->unknown_.push_back(sheet);
      }
    }
    return std::unique_ptr<PackageSource>(std::move(src));
  }

  explicit XlsxSource(XlsxWorkbook book) : book_(std::move(book)) {}
  std::string name() const override { return name_; }
  bool Has(const FileSpec& spec) const override {
    return sheets_.count(std::string(spec.name)) > 0;
  }
  std::vector<std::string> UnknownEntries() const override { return unknown_; }
  core::Result<OpenedTable> OpenTable(const FileSpec& spec) override {
    const std::string& sheet = sheets_.at(std::string(spec.name));
    std::unique_lock<std::mutex> lock(book_mutex_);  // one archive handle, two reading threads
    auto reader = book_.OpenSheet(sheet);
    lock.unlock();
    if (!reader.ok()) return reader.error();
    OpenedTable t;
    t.display_name = name_ + "[" + sheet + "]";
    t.reader = std::move(*reader);
    return t;
  }

 private:
  XlsxWorkbook book_;
  std::mutex book_mutex_;
  std::string name_;
  std::map<std::string, std::string> sheets_;  // stem → sheet name
  std::vector<std::string> unknown_;
};

}  // namespace

core::Result<std::unique_ptr<PackageSource>> PackageSource::Open(const fs::path& path,
                                                                 const PackageLimits& limits) {
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    return Error(ErrorCode::kNotFound, "finner ikke pakken", {path.string()});
  }
  if (fs::is_directory(status)) return FolderSource::Open(path);
  const std::string ext = Lower(path.extension().string());
  if (ext == ".zip") return ZipSource::Open(path, limits);
  if (ext == ".xlsx") return XlsxSource::Open(path, limits);
  return Error(
      ErrorCode::kInvalidInput,
      "en pakke er en mappe med CSV-filer, en .zip med CSV-filer eller en .xlsx-arbeidsbok",
      {path.string()});
}

}  // namespace agp::ingest
