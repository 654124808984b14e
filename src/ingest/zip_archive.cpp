#include "ingest/zip_archive.h"

#include <minizip/unzip.h>

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

}  // namespace

struct ZipArchive::State {
  std::string name;
  std::string bytes;  // the archive, when it is read from memory
  uint64_t size = 0;  // of the archive
  unzFile zip = nullptr;
  std::vector<std::string> entry_names;
  struct Entry {
    unz64_file_pos position{};  // in the central directory
    uint64_t size = 0;          // unpacked, as declared
  };
  std::unordered_map<std::string, Entry> positions;  // by entry name

  State() = default;
  State(const State&) = delete;
  State& operator=(const State&) = delete;
  ~State() {
    if (zip != nullptr) unzClose(zip);
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
    unz64_file_pos position{};
    if (unzGetCurrentFileInfo64(state->zip, &info, raw.data(), static_cast<uLong>(raw.size()),
                                nullptr, 0, nullptr, 0) != UNZ_OK ||
        unzGetFilePos64(state->zip, &position) != UNZ_OK) {
      return damaged();
    }
    raw.resize(strnlen(raw.data(), raw.size()));
    std::string entry = EntryName(std::move(raw), info.flag);
    if (entry.empty() || entry.back() == '/') continue;  // a folder
    if (state->positions.emplace(entry, State::Entry{position, info.uncompressed_size}).second) {
      state->entry_names.push_back(std::move(entry));
    }
  }
  if (rc != UNZ_END_OF_LIST_OF_FILE) return damaged();
  return ZipArchive(std::move(state));
}

core::Status ZipArchive::ReadInto(std::string_view entry, uint64_t max_bytes,
                                  const std::function<bool(std::string_view)>& sink) const {
  State& s = *state_;
  const core::Location where{s.name + "/" + std::string(entry)};
  const auto damaged = [&where](const char* why) {
    return Error(ErrorCode::kInvalidInput, std::string("filen i arkivet er skadet: ") + why, where);
  };
  const auto found = s.positions.find(std::string(entry));
  if (found == s.positions.end()) {
    return Error(ErrorCode::kNotFound, "finnes ikke i arkivet", where);
  }
  unz_file_info64 info{};
  if (unzGoToFilePos64(s.zip, &found->second.position) != UNZ_OK ||
      unzGetCurrentFileInfo64(s.zip, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK) {
    return damaged("innholdslisten kan ikke leses");
  }
  if ((info.flag & kFlagEncrypted) != 0) {
    return Error(ErrorCode::kInvalidInput, "filen i arkivet er kryptert (passordbeskyttet)", where);
  }
  max_bytes = std::min(max_bytes, kMaxEntryBytes);
  if (info.uncompressed_size > max_bytes) {
    return Error(ErrorCode::kInvalidInput,
                 "filen i arkivet er " + SizeText(info.uncompressed_size) +
                     " pakket ut; grensen er " + SizeText(max_bytes),
                 where);
  }
  if (info.compression_method != 0 && info.compression_method != Z_DEFLATED) {
    return Error(ErrorCode::kInvalidInput,
                 "filen i arkivet er komprimert på en måte som ikke støttes (metode " +
                     std::to_string(info.compression_method) + "; bruk «Deflate»)",
                 where);
  }
  if (unzOpenCurrentFile(s.zip) != UNZ_OK) return damaged("filhodet kan ikke leses");

  // minizip unpacks no more than the declared size; data that goes on past it is cut short
  // there, and then fails the CRC-32 check.
  const char* problem = nullptr;
  bool sink_failed = false;
  uint64_t delivered = 0;
  std::vector<char> buf(1 << 16);
  for (;;) {
    const int n = unzReadCurrentFile(s.zip, buf.data(), static_cast<unsigned>(buf.size()));
    if (n < 0) problem = "de komprimerte dataene er ugyldige";
    if (n <= 0) break;
    if (delivered + static_cast<uint64_t>(n) > info.uncompressed_size) {
      problem = "den pakker ut til mer enn arkivet oppgir";
      break;
    }
    delivered += static_cast<uint64_t>(n);
    if (!sink(std::string_view(buf.data(), static_cast<size_t>(n)))) {
      sink_failed = true;
      break;
    }
  }
  const int closed = unzCloseCurrentFile(s.zip);  // checks the CRC-32 when all was read
  if (sink_failed) {
    return Error(ErrorCode::kIo, "kan ikke skrive det som pakkes ut", where);
  }
  if (problem == nullptr && delivered != info.uncompressed_size) {
    problem = "den pakker ut til mindre enn arkivet oppgir";
  }
  if (problem == nullptr && closed == UNZ_CRCERROR) {
    problem =
        "kontrollsummen stemmer ikke (dataene er endret, eller de pakker ut til mer enn "
        "arkivet oppgir)";
  }
  if (problem == nullptr && closed != UNZ_OK) problem = "dataene kan ikke leses";
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
