#include "metrics/results.h"

#include <zlib.h>

#include <chrono>
#include <cmath>
#include <cstring>
#include <thread>

#include "metrics/reference.h"

namespace agp::metrics {
namespace {

constexpr uint32_t kFormat = 2;

// Planes whose values are whole numbers (counts of persons, absences, years) are stored as
// zigzag varints, the others as the doubles they are. Both are exact.
bool IsCount(Measure m) {
  switch (m) {
    case Measure::kSizeCappedSum:
    case Measure::kPayWomenSum:
    case Measure::kPayMenSum:
    case Measure::kFteSum:
    case Measure::kAgreed:
    case Measure::kLostAll:
    case Measure::kLostSelf:
    case Measure::kLostMedical:
    case Measure::kLostShort:
    case Measure::kLostLong:
      return false;
    default:
      return true;
  }
}

class Writer {
 public:
  template <typename T>
  void Put(T v) {
    const size_t at = bytes_.size();
    bytes_.resize(at + sizeof v);
    std::memcpy(bytes_.data() + at, &v, sizeof v);
  }
  void PutBytes(const void* data, size_t n) {
    const size_t at = bytes_.size();
    bytes_.resize(at + n);
    std::memcpy(bytes_.data() + at, data, n);
  }
  void PutVarint(int64_t v) {
    uint64_t z = (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
    while (z >= 0x80) {
      bytes_.push_back(static_cast<char>(z | 0x80));
      z >>= 7;
    }
    bytes_.push_back(static_cast<char>(z));
  }
  void PutPlane(const double* plane, size_t n, bool count) {
    if (count) {
      for (size_t i = 0; i < n; ++i) PutVarint(std::llround(plane[i]));
      return;
    }
    PutBytes(plane, n * sizeof(double));
  }
  void PutString(std::string_view s) {
    Put(static_cast<uint32_t>(s.size()));
    PutBytes(s.data(), s.size());
  }
  // The bytes, zlib-compressed behind their raw size.
  std::string Compressed() const {
    uLongf size = compressBound(bytes_.size());
    std::string out(sizeof(uint64_t) + size, '\0');
    const uint64_t raw = bytes_.size();
    std::memcpy(out.data(), &raw, sizeof raw);
    compress2(reinterpret_cast<Bytef*>(out.data() + sizeof raw), &size,
              reinterpret_cast<const Bytef*>(bytes_.data()), bytes_.size(), 1);
    out.resize(sizeof raw + size);
    return out;
  }

 private:
  std::string bytes_;
};

class Reader {
 public:
  // Decompresses a block written by Writer::Compressed; false when it is damaged.
  bool Open(const std::string& block) {
    uint64_t raw = 0;
    if (block.size() < sizeof raw) return false;
    std::memcpy(&raw, block.data(), sizeof raw);
    bytes_.assign(raw, '\0');
    uLongf size = raw;
    const int rc = uncompress(reinterpret_cast<Bytef*>(bytes_.data()), &size,
                              reinterpret_cast<const Bytef*>(block.data() + sizeof raw),
                              block.size() - sizeof raw);
    at_ = 0;
    return rc == Z_OK && size == raw;
  }
  template <typename T>
  bool Get(T* v) {
    if (at_ + sizeof *v > bytes_.size()) return false;
    std::memcpy(v, bytes_.data() + at_, sizeof *v);
    at_ += sizeof *v;
    return true;
  }
  bool GetBytes(void* out, size_t n) {
    if (at_ + n > bytes_.size()) return false;
    std::memcpy(out, bytes_.data() + at_, n);
    at_ += n;
    return true;
  }
  bool GetVarint(int64_t* v) {
    uint64_t z = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (at_ >= bytes_.size()) return false;
      const auto byte = static_cast<unsigned char>(bytes_[at_++]);
      z |= static_cast<uint64_t>(byte & 0x7F) << shift;
      if (byte < 0x80) {
        *v = static_cast<int64_t>(z >> 1) ^ -static_cast<int64_t>(z & 1);
        return true;
      }
    }
    return false;
  }
  bool GetPlane(double* plane, size_t n, bool count) {
    if (count) {
      for (size_t i = 0; i < n; ++i) {
        int64_t v = 0;
        if (!GetVarint(&v)) return false;
        plane[i] = static_cast<double>(v);
      }
      return true;
    }
    return GetBytes(plane, n * sizeof(double));
  }
  bool GetString(std::string* s) {
    uint32_t n = 0;
    if (!Get(&n) || at_ + n > bytes_.size()) return false;
    s->assign(bytes_.data() + at_, n);
    at_ += n;
    return true;
  }

 private:
  std::string bytes_;
  size_t at_ = 0;
};

core::Error Damaged(std::string_view what) {
  return core::Error(core::ErrorCode::kInternal, "the stored indicator results are damaged (" +
                                                     std::string(what) + "); run `agp recompute`");
}

std::string PeriodBlock(const core::Period& p) { return "period/" + p.ToString(); }

}  // namespace

store::ResultSet ToResultSet(const MeasureCube& cube) {
  store::ResultSet set;
  Writer head;
  head.Put(kFormat);
  head.Put(static_cast<uint32_t>(cube.unit_count()));
  for (const CubeUnit& u : cube.units()) {
    head.Put(u.parent);
    head.PutString(u.key);
    head.PutString(u.name);
  }
  head.Put(static_cast<uint32_t>(cube.period_count()));
  for (const core::Period& p : cube.periods()) head.PutString(p.ToString());
  head.Put(static_cast<uint32_t>(cube.job_codes.size()));
  for (const std::string& j : cube.job_codes) head.PutString(j);
  set.blocks.emplace_back("cube", head.Compressed());

  const size_t n = cube.unit_count();
  // One block per period, compressed on two threads.
  const size_t first = set.blocks.size();
  set.blocks.resize(first + cube.period_count());
  auto encode = [&](int p) {
    Writer w;
    for (int m = 0; m < kMeasureCount; ++m) {
      const Measure measure = static_cast<Measure>(m);
      const double* plane = cube.Plane(p, measure);
      if (plane == nullptr) {
        w.Put(uint8_t{0});
      } else if (cube.IsShared(p, measure)) {
        // Shared planes belong to the month with the same count date, stored before.
        int owner = -1;
        for (int q = 0; q < p && owner < 0; ++q) {
          if (cube.Plane(q, measure) == plane) owner = q;
        }
        w.Put(uint8_t{2});
        w.Put(static_cast<int32_t>(owner));
      } else {
        w.Put(uint8_t{1});
        w.PutPlane(plane, n, IsCount(measure));
      }
    }
    const auto& jobs = cube.job_pay[p];
    w.Put(static_cast<uint32_t>(jobs.size()));
    if (!jobs.empty()) w.PutBytes(jobs.data(), jobs.size() * sizeof(JobPay));
    set.blocks[first + p] = {PeriodBlock(cube.periods()[p]), w.Compressed()};
  };
  std::thread other([&] {
    for (int p = 1; p < cube.period_count(); p += 2) encode(p);
  });
  for (int p = 0; p < cube.period_count(); p += 2) encode(p);
  other.join();
  return set;
}

core::Result<MeasureCube> FromResultSet(const store::ResultSet& set) {
  auto find = [&](std::string_view name) -> const std::string* {
    for (const auto& [key, data] : set.blocks) {
      if (key == name) return &data;
    }
    return nullptr;
  };
  const std::string* head_block = find("cube");
  Reader head;
  uint32_t format = 0;
  uint32_t n = 0;
  if (head_block == nullptr || !head.Open(*head_block) || !head.Get(&format))
    return Damaged("cube");
  if (format != kFormat) {
    return core::Error(core::ErrorCode::kNotFound,
                       "the stored indicator results are from another version of agp; run "
                       "`agp recompute`");
  }
  if (!head.Get(&n)) return Damaged("units");
  std::vector<CubeUnit> units(n);
  for (CubeUnit& u : units) {
    if (!head.Get(&u.parent) || !head.GetString(&u.key) || !head.GetString(&u.name)) {
      return Damaged("units");
    }
  }
  uint32_t np = 0;
  if (!head.Get(&np)) return Damaged("periods");
  std::vector<core::Period> periods;
  for (uint32_t i = 0; i < np; ++i) {
    std::string text;
    if (!head.GetString(&text)) return Damaged("periods");
    auto p = core::Period::Parse(text);
    if (!p) return Damaged("periods");
    periods.push_back(*p);
  }
  MeasureCube cube(std::move(units), periods);
  uint32_t nj = 0;
  if (!head.Get(&nj)) return Damaged("job codes");
  cube.job_codes.resize(nj);
  for (std::string& j : cube.job_codes) {
    if (!head.GetString(&j)) return Damaged("job codes");
  }
  for (int p = 0; p < static_cast<int>(np); ++p) {
    const std::string* block = find(PeriodBlock(periods[p]));
    Reader r;
    if (block == nullptr || !r.Open(*block)) return Damaged(periods[p].ToString());
    for (int m = 0; m < kMeasureCount; ++m) {
      uint8_t tag = 0;
      if (!r.Get(&tag)) return Damaged(periods[p].ToString());
      if (tag == 1) {
        double* plane = cube.MutablePlane(p, static_cast<Measure>(m));
        if (!r.GetPlane(plane, n, IsCount(static_cast<Measure>(m)))) {
          return Damaged(periods[p].ToString());
        }
      } else if (tag == 2) {
        int32_t owner = -1;
        if (!r.Get(&owner) || owner < 0 || owner >= p) return Damaged(periods[p].ToString());
        cube.SharePlane(owner, p, static_cast<Measure>(m));
      }
    }
    uint32_t jobs = 0;
    if (!r.Get(&jobs)) return Damaged(periods[p].ToString());
    cube.job_pay[p].resize(jobs);
    if (jobs > 0 && !r.GetBytes(cube.job_pay[p].data(), jobs * sizeof(JobPay))) {
      return Damaged(periods[p].ToString());
    }
  }
  return cube;
}

core::Result<EngineOptions> EngineOptionsFromDeadlines(const std::string& path, core::Date day) {
  auto deadlines = Deadlines::Load(path);
  if (!deadlines.ok()) return deadlines.error();
  auto plan = deadlines->DaysOn("followup_plan", day);
  if (!plan.ok()) return plan.error();
  auto meeting = deadlines->DaysOn("dialogue_meeting1", day);
  if (!meeting.ok()) return meeting.error();
  auto join = deadlines->DaysOn("employer_period", day);
  if (!join.ok()) return join.error();
  EngineOptions options;
  options.case_join_days = *join;
  options.followup_plan_days = *plan;
  options.dialogue_meeting1_days = *meeting;
  return options;
}

core::Result<RecomputeStats> Recompute(store::Database& db, const core::Workforce& workforce,
                                       const core::Clock& clock, const EngineOptions& options) {
  using Seconds = std::chrono::duration<double>;
  RecomputeStats stats;
  auto version = db.DataVersion();
  if (!version.ok()) return version.error();
  stats.data_version = version.value();
  const auto t0 = std::chrono::steady_clock::now();
  MeasureCube cube = ComputeMeasures(workforce, options);
  const auto t1 = std::chrono::steady_clock::now();
  stats.compute_seconds = Seconds(t1 - t0).count();
  store::ResultSet set = ToResultSet(cube);
  set.data_version = stats.data_version;
  set.computed_at = clock.NowUtc();
  set.seconds = stats.compute_seconds;
  const auto [first, last] = std::pair{cube.periods().empty() ? 0 : cube.periods().front().year(),
                                       cube.periods().empty() ? 0 : cube.periods().back().year()};
  set.meta = "{\"first_year\":" + std::to_string(first) + ",\"last_year\":" + std::to_string(last) +
             ",\"followup_plan_days\":" + std::to_string(options.followup_plan_days) +
             ",\"dialogue_meeting1_days\":" + std::to_string(options.dialogue_meeting1_days) + "}";
  for (const auto& block : set.blocks) stats.bytes += block.second.size();
  if (core::Status s = db.SaveResults(set); !s.ok()) return s.error();
  stats.store_seconds = Seconds(std::chrono::steady_clock::now() - t1).count();
  return stats;
}

core::Result<MeasureCube> LoadResults(store::Database& db) {
  auto set = db.LoadResults(true);
  if (!set.ok()) return set.error();
  if (!set.value()) {
    return core::Error(core::ErrorCode::kNotFound,
                       "no indicator results yet: import data (agp import) or run `agp recompute`");
  }
  auto version = db.DataVersion();
  if (!version.ok()) return version.error();
  if ((*set.value()).data_version != version.value()) {
    return core::Error(core::ErrorCode::kNotFound,
                       "the indicator results are from data version " +
                           std::to_string((*set.value()).data_version) + ", the data are at " +
                           std::to_string(version.value()) + "; run `agp recompute`");
  }
  return FromResultSet(*set.value());
}

core::Result<StoredResults> LoadStoredResults(store::Database& db) {
  auto set = db.LoadResults(true);
  if (!set.ok()) return set.error();
  if (!set.value()) return core::Error(core::ErrorCode::kNotFound, "no indicator results yet");
  auto cube = FromResultSet(*set.value());
  if (!cube.ok()) return cube.error();
  return StoredResults{std::move(cube).value(), (*set.value()).data_version};
}

}  // namespace agp::metrics
