#include "ingest/zip_archive.h"

#include <minizip/unzip.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <iterator>

namespace agp::ingest {
namespace {

using core::Error;
using core::ErrorCode;

constexpr uint64_t kMaxEntryBytes = uint64_t{4} << 30;

// minizip reads through these callbacks from a buffer in memory.
struct MemoryFile {
  const std::string* bytes;
  uint64_t position = 0;
};

voidpf ZCALLBACK MemOpen(voidpf opaque, const void*, int) {
  return new MemoryFile{static_cast<const std::string*>(opaque)};
}
uLong ZCALLBACK MemRead(voidpf, voidpf stream, void* buf, uLong size) {
  auto* f = static_cast<MemoryFile*>(stream);
  const uint64_t left = f->bytes->size() - std::min<uint64_t>(f->position, f->bytes->size());
  const uLong n = static_cast<uLong>(std::min<uint64_t>(size, left));
  std::memcpy(buf, f->bytes->data() + f->position, n);
  f->position += n;
  return n;
}
uLong ZCALLBACK MemWrite(voidpf, voidpf, const void*, uLong) { return 0; }
ZPOS64_T ZCALLBACK MemTell(voidpf, voidpf stream) {
  return static_cast<MemoryFile*>(stream)->position;
}
long ZCALLBACK MemSeek(voidpf, voidpf stream, ZPOS64_T offset, int origin) {
  auto* f = static_cast<MemoryFile*>(stream);
  uint64_t base = 0;
  if (origin == ZLIB_FILEFUNC_SEEK_CUR) base = f->position;
  if (origin == ZLIB_FILEFUNC_SEEK_END) base = f->bytes->size();
  if (base + offset > f->bytes->size()) return -1;
  f->position = base + offset;
  return 0;
}
int ZCALLBACK MemClose(voidpf, voidpf stream) {
  delete static_cast<MemoryFile*>(stream);
  return 0;
}
int ZCALLBACK MemError(voidpf, voidpf) { return 0; }

}  // namespace

struct ZipArchive::State {
  std::string name;
  std::string bytes;
  unzFile zip = nullptr;
  ~State() {
    if (zip != nullptr) unzClose(zip);
  }
};

ZipArchive::ZipArchive(std::unique_ptr<State> state) : state_(std::move(state)) {}
ZipArchive::ZipArchive(ZipArchive&&) noexcept = default;
ZipArchive& ZipArchive::operator=(ZipArchive&&) noexcept = default;
ZipArchive::~ZipArchive() = default;

core::Result<ZipArchive> ZipArchive::OpenFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error(ErrorCode::kIo, "kan ikke åpne filen", {path});
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return Error(ErrorCode::kIo, "kan ikke lese filen", {path});
  const size_t slash = path.find_last_of('/');
  return OpenBytes(slash == std::string::npos ? path : path.substr(slash + 1), std::move(bytes));
}

core::Result<ZipArchive> ZipArchive::OpenBytes(std::string name, std::string bytes) {
  auto state = std::make_unique<State>();
  state->name = std::move(name);
  state->bytes = std::move(bytes);
  zlib_filefunc64_def io{};
  io.zopen64_file = MemOpen;
  io.zread_file = MemRead;
  io.zwrite_file = MemWrite;
  io.ztell64_file = MemTell;
  io.zseek64_file = MemSeek;
  io.zclose_file = MemClose;
  io.zerror_file = MemError;
  io.opaque = &state->bytes;  // the State is heap-allocated: the address stays when moved
  state->zip = unzOpen2_64("memory", &io);
  if (state->zip == nullptr) {
    return Error(ErrorCode::kInvalidInput, "er ikke et ZIP-arkiv (eller arkivet er skadet)",
                 {state->name});
  }
  ZipArchive archive(std::move(state));
  int rc = unzGoToFirstFile(archive.state_->zip);
  while (rc == UNZ_OK) {
    char file_name[1024];
    unz_file_info64 info{};
    if (unzGetCurrentFileInfo64(archive.state_->zip, &info, file_name, sizeof file_name, nullptr, 0,
                                nullptr, 0) != UNZ_OK) {
      return Error(ErrorCode::kInvalidInput, "innholdslisten i arkivet er skadet",
                   {archive.state_->name});
    }
    std::string entry(file_name, strnlen(file_name, sizeof file_name));
    if (!entry.empty() && entry.back() != '/') archive.entries_.push_back(std::move(entry));
    rc = unzGoToNextFile(archive.state_->zip);
  }
  if (rc != UNZ_END_OF_LIST_OF_FILE) {
    return Error(ErrorCode::kInvalidInput, "innholdslisten i arkivet er skadet",
                 {archive.state_->name});
  }
  return archive;
}

core::Result<std::string> ZipArchive::Read(std::string_view entry) const {
  const std::string where = state_->name + "/" + std::string(entry);
  const std::string name(entry);
  if (unzLocateFile(state_->zip, name.c_str(), /*case sensitive=*/1) != UNZ_OK) {
    return Error(ErrorCode::kNotFound, "finnes ikke i arkivet", {where});
  }
  unz_file_info64 info{};
  if (unzGetCurrentFileInfo64(state_->zip, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK) {
    return Error(ErrorCode::kInvalidInput, "filen er skadet i arkivet", {where});
  }
  if (info.uncompressed_size > kMaxEntryBytes) {
    return Error(ErrorCode::kInvalidInput, "filen er større enn 4 GiB pakket ut", {where});
  }
  if (unzOpenCurrentFile(state_->zip) != UNZ_OK) {
    return Error(ErrorCode::kInvalidInput,
                 "filen kan ikke pakkes ut (kryptert eller ukjent komprimering)", {where});
  }
  // Grown as it is read, so that a crafted size claim costs no memory up front.
  std::string out;
  out.reserve(static_cast<size_t>(std::min<uint64_t>(info.uncompressed_size, uint64_t{256} << 20)));
  bool damaged = false;
  char buf[1 << 16];
  int n;
  while ((n = unzReadCurrentFile(state_->zip, buf, sizeof buf)) > 0) {
    if (out.size() + static_cast<size_t>(n) > info.uncompressed_size) {
      damaged = true;  // more data than the archive declared: a damaged or crafted archive
      break;
    }
    out.append(buf, static_cast<size_t>(n));
  }
  if (n < 0) damaged = true;
  const int close_rc = unzCloseCurrentFile(state_->zip);  // checks the CRC
  if (damaged || out.size() != info.uncompressed_size || close_rc != UNZ_OK) {
    return Error(ErrorCode::kInvalidInput,
                 "filen er skadet i arkivet (kontrollsummen stemmer ikke)", {where});
  }
  return out;
}

}  // namespace agp::ingest
