// Finding a record's index by its external key (`employee_id` → employee index), fast.
//
// A national package looks up ~15 million keys; a node-based std::unordered_map costs several
// cache misses a lookup. This is open addressing with linear probing in one flat array; keys up to
// 16 bytes sit in the slot itself, longer ones in an arena, so a hit usually costs one miss.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace agp::core {

class KeyIndex {
 public:
  KeyIndex() { Rehash(64); }

  // Inserts key → value unless the key is present; returns the stored value and whether it was
  // inserted now.
  std::pair<int32_t, bool> Insert(std::string_view key, int32_t value);
  // The value stored for `key`, or -1.
  int32_t Find(std::string_view key) const;
  size_t size() const { return size_; }

  static uint64_t Hash(std::string_view key);

 private:
  struct Slot {
    uint64_t hash = 0;
    int32_t value = -1;  // -1: empty
    uint32_t length = 0;
    char key[16];  // the key when length <= 16, else its offset in arena_ (first 8 bytes)
  };

  bool Matches(const Slot& s, uint64_t hash, std::string_view key) const {
    if (s.hash != hash || s.length != key.size()) return false;
    if (key.size() <= sizeof s.key) return std::memcmp(s.key, key.data(), key.size()) == 0;
    uint64_t offset;
    std::memcpy(&offset, s.key, sizeof offset);
    return std::memcmp(arena_.data() + offset, key.data(), key.size()) == 0;
  }
  void Rehash(size_t capacity);

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;
  std::string arena_;
};

}  // namespace agp::core
