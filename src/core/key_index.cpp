#include "core/key_index.h"

namespace agp::core {
namespace {

uint64_t Load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

uint64_t Mix(uint64_t a, uint64_t b) {
  const __uint128_t r = static_cast<__uint128_t>(a) * b;
  return static_cast<uint64_t>(r) ^ static_cast<uint64_t>(r >> 64);
}

}  // namespace

// A wyhash-style multiply-mix over 8-byte words; not for adversaries, but keys come from one
// package at a time and a flood of collisions would only be slow, not wrong.
uint64_t KeyIndex::Hash(std::string_view key) {
  constexpr uint64_t kP0 = 0xa0761d6478bd642fULL, kP1 = 0xe7037ed1a0b428dbULL;
  uint64_t h = kP0 ^ key.size();
  const char* p = key.data();
  size_t n = key.size();
  while (n >= 8) {
    h = Mix(h ^ Load64(p), kP1);
    p += 8;
    n -= 8;
  }
  if (n > 0) {
    uint64_t tail = 0;
    std::memcpy(&tail, p, n);
    h = Mix(h ^ tail, kP1 ^ n);
  }
  return Mix(h, kP0);
}

std::pair<int32_t, bool> KeyIndex::Insert(std::string_view key, int32_t value) {
  if ((size_ + 1) * 2 > slots_.size()) Rehash(slots_.size() * 2);
  const uint64_t h = Hash(key);
  for (size_t i = h & mask_;; i = (i + 1) & mask_) {
    Slot& s = slots_[i];
    if (s.value < 0) {
      s.hash = h;
      s.value = value;
      s.length = static_cast<uint32_t>(key.size());
      if (key.size() <= sizeof s.key) {
        std::memcpy(s.key, key.data(), key.size());
      } else {
        const uint64_t offset = arena_.size();
        arena_.append(key);
        std::memcpy(s.key, &offset, sizeof offset);
      }
      ++size_;
      return {value, true};
    }
    if (Matches(s, h, key)) return {s.value, false};
  }
}

int32_t KeyIndex::Find(std::string_view key) const {
  const uint64_t h = Hash(key);
  for (size_t i = h & mask_;; i = (i + 1) & mask_) {
    const Slot& s = slots_[i];
    if (s.value < 0) return -1;
    if (Matches(s, h, key)) return s.value;
  }
}

void KeyIndex::Rehash(size_t capacity) {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(capacity, Slot{});
  mask_ = capacity - 1;
  for (const Slot& s : old) {
    if (s.value < 0) continue;
    size_t i = s.hash & mask_;
    while (slots_[i].value >= 0) i = (i + 1) & mask_;
    slots_[i] = s;
  }
}

}  // namespace agp::core
