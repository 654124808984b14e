#include "ingest/zip_archive.h"

#include <fcntl.h>
#include <minizip/unzip.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <unordered_map>
#include <vector>

#include "ingest/text_decode.h"

namespace agp::ingest {
namespace {

using core::Error;
using core::ErrorCode;

constexpr uLong kFlagEncrypted = 1u << 0;
constexpr uLong kFlagUtf8Name = 1u << 11;

// minizip reads an archive in memory through these callbacks; `opaque` is the std::string.
struct MemoryFile {
  const std::string* bytes;
  uint64_t position = 0;
};

voidpf ZCALLBACK MemOpen(voidpf opaque, const void* /*name*/, int /*mode*/) {
  return new MemoryFile{static_cast<const std::string*>(opaque)};
}
uLong ZCALLBACK MemRead(voidpf /*opaque*/, voidpf stream, void* buf, uLong size) {
  auto* f = static_cast<MemoryFile*>(stream);
  const uint64_t left = f->bytes->size() - std::min<uint64_t>(f->position, f->bytes->size());
  const uLong n = static_cast<uLong>(std::min<uint64_t>(size, left));
  if (n > 0) std::memcpy(buf, f->bytes->data() + f->position, n);
  f->position += n;
  return n;
}
uLong ZCALLBACK MemWrite(voidpf, voidpf, const void*, uLong) { return 0; }
ZPOS64_T ZCALLBACK MemTell(voidpf /*opaque*/, voidpf stream) {
  return static_cast<MemoryFile*>(stream)->position;
}
long ZCALLBACK MemSeek(voidpf /*opaque*/, voidpf stream, ZPOS64_T offset, int origin) {
  auto* f = static_cast<MemoryFile*>(stream);
  uint64_t base = 0;
  if (origin == ZLIB_FILEFUNC_SEEK_CUR) base = f->position;
  if (origin == ZLIB_FILEFUNC_SEEK_END) base = f->bytes->size();
  const uint64_t target = base + offset;  // wraps for the negative offsets of SEEK_CUR/SEEK_END
  if (target > f->bytes->size()) return -1;
  f->position = target;
  return 0;
}
int ZCALLBACK MemClose(voidpf /*opaque*/, voidpf stream) {
  delete static_cast<MemoryFile*>(stream);
  return 0;
}
int ZCALLBACK MemError(voidpf, voidpf) { return 0; }

// Code page 865 (DOS Nordic) from 0x80 up: code page 437 with ø, Ø and ¤ in place of ¢, ¥ and ».
constexpr char16_t kCp865High[128] = {
    0xC7,   0xFC,   0xE9,   0xE2,   0xE4,   0xE0,   0xE5,   0xE7,   0xEA,   0xEB,   0xE8,   0xEF,
    0xEE,   0xEC,   0xC4,   0xC5,   0xC9,   0xE6,   0xC6,   0xF4,   0xF6,   0xF2,   0xFB,   0xF9,
    0xFF,   0xD6,   0xDC,   0xF8,   0xA3,   0xD8,   0x20A7, 0x192,  0xE1,   0xED,   0xF3,   0xFA,
    0xF1,   0xD1,   0xAA,   0xBA,   0xBF,   0x2310, 0xAC,   0xBD,   0xBC,   0xA1,   0xAB,   0xA4,
    0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562, 0x2556, 0x2555, 0x2563, 0x2551, 0x2557,
    0x255D, 0x255C, 0x255B, 0x2510, 0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x255E, 0x255F,
    0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x2567, 0x2568, 0x2564, 0x2565, 0x2559,
    0x2558, 0x2552, 0x2553, 0x256B, 0x256A, 0x2518, 0x250C, 0x2588, 0x2584, 0x258C, 0x2590, 0x2580,
    0x3B1,  0xDF,   0x393,  0x3C0,  0x3A3,  0x3C3,  0xB5,   0x3C4,  0x3A6,  0x398,  0x3A9,  0x3B4,
    0x221E, 0x3C6,  0x3B5,  0x2229, 0x2261, 0xB1,   0x2265, 0x2264, 0x2320, 0x2321, 0xF7,   0x2248,
    0xB0,   0x2219, 0xB7,   0x221A, 0x207F, 0xB2,   0x25A0, 0xA0};

std::string Cp865ToUtf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    AppendUtf8(&out, b < 0x80 ? b : kCp865High[b - 0x80]);
  }
  return out;
}

// The entry's name as UTF-8 with "/" between folders (some Windows tools write "\").
std::string EntryName(std::string raw, uLong flag) {
  if ((flag & kFlagUtf8Name) == 0 && !IsValidUtf8(raw)) raw = Cp865ToUtf8(raw);
  std::replace(raw.begin(), raw.end(), '\\', '/');
  return raw;
}

uint32_t Le(const char* p, int bytes) {
  uint32_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}

uint64_t Le64(const char* p) { return (uint64_t{Le(p + 4, 4)} << 32) | Le(p, 4); }

constexpr uint32_t kMax32 = 0xFFFFFFFFu;
constexpr size_t kCentralHeader = 46;  // APPNOTE 4.3.12, without name, extra field and comment
constexpr size_t kLocalHeader = 30;    // APPNOTE 4.3.7

}  // namespace

struct ZipArchive::State {
  std::string name;
  std::string bytes;  // the archive, when it is read from memory
  int fd = -1;        // the archive, when it is read from a file
  uint64_t size = 0;  // of the archive
  unzFile zip = nullptr;
  std::vector<std::string> entry_names;
  // What the central directory says of an entry, ZIP64 fields applied.
  struct Entry {
    uint64_t size = 0;          // unpacked
    uint64_t packed = 0;        // compressed
    uint64_t local_header = 0;  // offset of its local file header in the archive
    uint32_t crc = 0;
    uint32_t method = 0;
    uint32_t flag = 0;
  };
  std::unordered_map<std::string, Entry> positions;  // by entry name

  State() = default;
  State(const State&) = delete;
  State& operator=(const State&) = delete;
  ~State() {
    if (zip != nullptr) unzClose(zip);
    if (fd >= 0) ::close(fd);
  }

  // Reads `n` bytes of the archive at `offset`; false when they are not all there.
  bool ReadAt(uint64_t offset, size_t n, char* out) const {
    if (offset > size || n > size - offset) return false;
    if (fd < 0) {
      std::memcpy(out, bytes.data() + offset, n);
      return true;
    }
    while (n > 0) {
      const ssize_t got = ::pread(fd, out, n, static_cast<off_t>(offset));
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) return false;
      out += got;
      offset += static_cast<uint64_t>(got);
      n -= static_cast<size_t>(got);
    }
    return true;
  }
};

ZipArchive::ZipArchive(std::unique_ptr<State> state) : state_(std::move(state)) {}
ZipArchive::ZipArchive(ZipArchive&&) noexcept = default;
ZipArchive& ZipArchive::operator=(ZipArchive&&) noexcept = default;
ZipArchive::~ZipArchive() = default;

const std::string& ZipArchive::name() const { return state_->name; }
const std::vector<std::string>& ZipArchive::entry_names() const { return state_->entry_names; }
bool ZipArchive::Contains(std::string_view entry) const {
  return state_->positions.count(std::string(entry)) > 0;
}
uint64_t ZipArchive::DeclaredSize(std::string_view entry) const {
  const auto found = state_->positions.find(std::string(entry));
  return found == state_->positions.end() ? 0 : found->second.size;
}

core::Result<ZipArchive> ZipArchive::OpenFile(const std::string& path) {
  // Opened once first, for a message that says why when it cannot be.
  std::FILE* probe = std::fopen(path.c_str(), "rb");
  if (probe == nullptr) {
    return Error(ErrorCode::kIo, std::string("kan ikke åpne filen: ") + std::strerror(errno),
                 {path});
  }
  std::fseek(probe, 0, SEEK_END);
  const long size = std::ftell(probe);
  std::fclose(probe);
  auto state = std::make_unique<State>();
  const size_t slash = path.find_last_of('/');
  state->name = slash == std::string::npos ? path : path.substr(slash + 1);
  state->size = size < 0 ? 0 : static_cast<uint64_t>(size);
  state->fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (state->fd < 0) {
    return Error(ErrorCode::kIo, std::string("kan ikke åpne filen: ") + std::strerror(errno),
                 {path});
  }
  state->zip = unzOpen64(path.c_str());
  return Index(std::move(state));
}

core::Result<ZipArchive> ZipArchive::OpenBytes(std::string name, std::string bytes) {
  auto state = std::make_unique<State>();
  state->name = std::move(name);
  state->bytes = std::move(bytes);
  state->size = state->bytes.size();
  zlib_filefunc64_def io{};
  io.zopen64_file = MemOpen;
  io.zread_file = MemRead;
  io.zwrite_file = MemWrite;
  io.ztell64_file = MemTell;
  io.zseek64_file = MemSeek;
  io.zclose_file = MemClose;
  io.zerror_file = MemError;
  io.opaque = &state->bytes;  // the State stays where it is when the archive moves
  state->zip = unzOpen2_64("memory", &io);
  return Index(std::move(state));
}

// Lists the entries of the archive `state` has just opened (or failed to).
core::Result<ZipArchive> ZipArchive::Index(std::unique_ptr<State> state) {
  const auto damaged = [&state] {
    return Error(ErrorCode::kInvalidInput, "arkivet er skadet: innholdslisten kan ikke leses",
                 {state->name});
  };
  if (state->zip == nullptr) {
    return Error(ErrorCode::kInvalidInput, "er ikke et ZIP-arkiv (eller arkivet er skadet)",
                 {state->name});
  }
  unz_global_info64 global{};
  if (unzGetGlobalInfo64(state->zip, &global) != UNZ_OK) return damaged();
  int rc = global.number_entry == 0 ? UNZ_END_OF_LIST_OF_FILE : unzGoToFirstFile(state->zip);
  for (; rc == UNZ_OK; rc = unzGoToNextFile(state->zip)) {
    unz_file_info64 info{};
    if (unzGetCurrentFileInfo64(state->zip, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK) {
      return damaged();
    }
    std::string raw(info.size_filename, '\0');
    if (unzGetCurrentFileInfo64(state->zip, &info, raw.data(), static_cast<uLong>(raw.size()),
                                nullptr, 0, nullptr, 0) != UNZ_OK) {
      return damaged();
    }
    raw.resize(strnlen(raw.data(), raw.size()));
    // The record itself, read here: minizip 1.1 (Debian 12's libminizip1) compares the 32-bit
    // sizes with (unsigned long)-1, never true on a 64-bit system, so it ignores the ZIP64
    // extra field (APPNOTE 4.5.3) that writers use from 2 GiB (Python) or 4 GiB (others) on.
    // Its sizes and offsets are then wrong, and reading through it fails near the end.
    State::Entry e;
    char header[kCentralHeader];
    const uint64_t at = unzGetOffset64(state->zip);
    if (!state->ReadAt(at, kCentralHeader, header) || Le(header, 4) != 0x02014b50) {
      return damaged();
    }
    const size_t name_size = Le(header + 28, 2), extra_size = Le(header + 30, 2);
    e.flag = Le(header + 8, 2);
    e.method = Le(header + 10, 2);
    e.crc = Le(header + 16, 4);
    e.packed = Le(header + 20, 4);
    e.size = Le(header + 24, 4);
    e.local_header = Le(header + 42, 4);
    std::string extra(extra_size, '\0');
    if (!state->ReadAt(at + kCentralHeader + name_size, extra_size, extra.data())) return damaged();
    for (size_t i = 0; i + 4 <= extra.size();) {
      const uint32_t id = Le(&extra[i], 2), length = Le(&extra[i + 2], 2);
      if (i + 4 + length > extra.size()) break;
      if (id == 0x0001) {  // in this order, each only when its 32-bit field is 0xFFFFFFFF
        size_t f = i + 4;
        for (uint64_t* field : {&e.size, &e.packed, &e.local_header}) {
          if (*field != kMax32) continue;
          if (f + 8 > i + 4 + length) return damaged();
          *field = Le64(&extra[f]);
          f += 8;
        }
      }
      i += 4 + length;
    }
    std::string entry = EntryName(std::move(raw), info.flag);
    if (entry.empty() || entry.back() == '/') continue;  // a folder
    if (state->positions.emplace(entry, e).second) {
      state->entry_names.push_back(std::move(entry));
    }
  }
  if (rc != UNZ_END_OF_LIST_OF_FILE) return damaged();
  return ZipArchive(std::move(state));
}

core::Status ZipArchive::ReadInto(std::string_view entry, uint64_t max_bytes,
                                  const std::function<bool(std::string_view)>& sink) const {
  const State& s = *state_;
  const core::Location where{s.name + "/" + std::string(entry)};
  const auto damaged = [&where](const char* why) {
    return Error(ErrorCode::kInvalidInput, std::string("filen i arkivet er skadet: ") + why, where);
  };
  const auto found = s.positions.find(std::string(entry));
  if (found == s.positions.end()) {
    return Error(ErrorCode::kNotFound, "finnes ikke i arkivet", where);
  }
  const State::Entry& e = found->second;
  if ((e.flag & kFlagEncrypted) != 0) {
    return Error(ErrorCode::kInvalidInput, "filen i arkivet er kryptert (passordbeskyttet)", where);
  }
  max_bytes = std::min(max_bytes, kMaxEntryBytes);
  if (e.size > max_bytes) {
    return Error(
        ErrorCode::kInvalidInput,
        "filen i arkivet er " + SizeText(e.size) + " pakket ut; grensen er " + SizeText(max_bytes),
        where);
  }
  if (e.method != 0 && e.method != Z_DEFLATED) {
    return Error(ErrorCode::kInvalidInput,
                 "filen i arkivet er komprimert på en måte som ikke støttes (metode " +
                     std::to_string(e.method) + "; bruk «Deflate»)",
                 where);
  }
  // The data follow the local header, whose name and extra field may differ from the
  // directory's.
  char local[kLocalHeader];
  if (!s.ReadAt(e.local_header, kLocalHeader, local) || Le(local, 4) != 0x04034b50) {
    return damaged("filhodet kan ikke leses");
  }
  uint64_t at = e.local_header + kLocalHeader + Le(local + 26, 2) + Le(local + 28, 2);
  if (at > s.size || e.packed > s.size - at) {
    return damaged("de komprimerte dataene slutter før arkivet oppgir");
  }

  // Unpacked as it is read: a piece at a time from the archive, a piece at a time to the sink.
  z_stream z{};
  if (e.method == Z_DEFLATED && inflateInit2(&z, -MAX_WBITS) != Z_OK) {
    return Error(ErrorCode::kIo, "kan ikke pakke ut (for lite minne)", where);
  }
  const char* problem = nullptr;
  bool sink_failed = false, ended = e.method != Z_DEFLATED;
  uint64_t delivered = 0, left = e.packed;
  uLong crc = crc32(0L, Z_NULL, 0);
  std::vector<char> in(1 << 16), out(1 << 16);
  const auto deliver = [&](const char* data, size_t n) {
    if (n == 0) return true;
    if (delivered + n > e.size) {
      problem = "den pakker ut til mer enn arkivet oppgir";
      return false;
    }
    delivered += n;
    crc = crc32(crc, reinterpret_cast<const Bytef*>(data), static_cast<uInt>(n));
    if (!sink(std::string_view(data, n))) {
      sink_failed = true;
      return false;
    }
    return true;
  };
  while (left > 0 && problem == nullptr && !sink_failed) {
    const size_t n = static_cast<size_t>(std::min<uint64_t>(left, in.size()));
    if (!s.ReadAt(at, n, in.data())) {
      problem = "dataene kan ikke leses";
      break;
    }
    at += n;
    left -= n;
    if (e.method != Z_DEFLATED) {
      deliver(in.data(), n);
      continue;
    }
    z.next_in = reinterpret_cast<Bytef*>(in.data());
    z.avail_in = static_cast<uInt>(n);
    while (z.avail_in > 0 && !ended) {
      z.next_out = reinterpret_cast<Bytef*>(out.data());
      z.avail_out = static_cast<uInt>(out.size());
      const int rc = inflate(&z, Z_NO_FLUSH);
      if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) {
        problem = "de komprimerte dataene er ugyldige";
        break;
      }
      if (!deliver(out.data(), out.size() - z.avail_out)) break;
      if (rc == Z_STREAM_END) ended = true;
      if (rc == Z_BUF_ERROR && z.avail_out != 0) break;  // needs more input
    }
  }
  if (e.method == Z_DEFLATED) {
    // What is left in the window when the input has run out.
    while (problem == nullptr && !sink_failed && !ended) {
      z.next_out = reinterpret_cast<Bytef*>(out.data());
      z.avail_out = static_cast<uInt>(out.size());
      const int rc = inflate(&z, Z_NO_FLUSH);
      if (rc != Z_OK && rc != Z_STREAM_END) break;
      const size_t n = out.size() - z.avail_out;
      if (!deliver(out.data(), n)) break;
      if (rc == Z_STREAM_END) ended = true;
      if (n == 0) break;
    }
    inflateEnd(&z);
  }
  if (sink_failed) {
    return Error(ErrorCode::kIo, "kan ikke skrive det som pakkes ut", where);
  }
  if (problem == nullptr && !ended) problem = "de komprimerte dataene slutter for tidlig";
  if (problem == nullptr && delivered != e.size) {
    problem = "den pakker ut til mindre enn arkivet oppgir";
  }
  if (problem == nullptr && crc != e.crc) {
    problem =
        "kontrollsummen stemmer ikke (dataene er endret, eller de pakker ut til mer enn "
        "arkivet oppgir)";
  }
  if (problem != nullptr) return damaged(problem);
  return core::Ok{};
}

core::Result<std::string> ZipArchive::Read(std::string_view entry, uint64_t max_bytes) const {
  // Room for the declared size, but no more than the archive's bytes can unpack to (Deflate
  // packs at most 1032 to 1), so that a false claim costs no memory up front.
  std::string out;
  const auto found = state_->positions.find(std::string(entry));
  if (found != state_->positions.end() &&
      found->second.size <= std::min(max_bytes, kMaxEntryBytes)) {
    out.reserve(
        static_cast<size_t>(std::min<uint64_t>(found->second.size, state_->size * 1032 + 4096)));
  }
  core::Status read = ReadInto(entry, max_bytes, [&out](std::string_view piece) {
    out.append(piece);
    return true;
  });
  if (!read.ok()) return read.error();
  return out;
}

std::string SizeText(uint64_t bytes) {
  constexpr uint64_t kMiB = uint64_t{1} << 20, kGiB = uint64_t{1} << 30;
  if (bytes >= kGiB) {
    const uint64_t tenths = (bytes * 10 + kGiB / 2) / kGiB;
    return std::to_string(tenths / 10) +
           (tenths % 10 != 0 ? "," + std::to_string(tenths % 10) : "") + " GiB";
  }
  if (bytes >= kMiB) return std::to_string((bytes + kMiB / 2) / kMiB) + " MiB";
  if (bytes >= 1024) return std::to_string((bytes + 512) / 1024) + " KiB";
  return std::to_string(bytes) + " byte";
}

}  // namespace agp::ingest
