// A small deterministic random source: xoshiro256** seeded by splitmix64 (Blackman and Vigna,
// prng.di.unimi.it). The standard library's distributions differ between implementations, so the
// demo draws its own from integer arithmetic and the basic floating-point operations only (no
// libm calls), which IEEE 754 rounds the same everywhere: the same seed gives the same data on
// any machine.
#pragma once

#include <cstdint>
#include <span>

namespace agp::demo {

// splitmix64's finaliser: a good 64-bit mix, used to derive independent streams from a seed.
constexpr uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}
constexpr uint64_t Mix(uint64_t a, uint64_t b) { return Mix(Mix(a) ^ (b * 0xd1b54a32d192ed03ULL)); }

class Random {
 public:
  explicit Random(uint64_t seed) {
    for (uint64_t& s : s_) {
      seed += 0x9e3779b97f4a7c15ULL;
      s = Mix(seed);
    }
  }

  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, 1).
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  // Uniform in [lo, hi).
  double Uniform(double lo, double hi) { return lo + (hi - lo) * Uniform(); }
  // Uniform integer in [0, n); 0 < n < 2^53.
  uint64_t Below(uint64_t n) { return static_cast<uint64_t>(Uniform() * static_cast<double>(n)); }
  // Uniform integer in [lo, hi]; lo <= hi.
  int Between(int lo, int hi) {
    return lo + static_cast<int>(Below(static_cast<uint64_t>(hi - lo) + 1));
  }
  bool Chance(double p) { return Uniform() < p; }

  // An index drawn with the given (non-negative, not all zero) weights.
  int Pick(std::span<const double> weights) {
    double total = 0;
    for (double w : weights) total += w;
    double x = Uniform() * total;
    for (size_t i = 0; i < weights.size(); ++i) {
      if (x < weights[i]) return static_cast<int>(i);
      x -= weights[i];
    }
    return static_cast<int>(weights.size()) - 1;
  }

  // A value of a piecewise-uniform distribution: band i, chosen with weights[i], is uniform over
  // the integers [lo[i], hi[i]].
  int FromBands(std::span<const double> weights, std::span<const int> lo, std::span<const int> hi) {
    const size_t band = static_cast<size_t>(Pick(weights));
    return Between(lo[band], hi[band]);
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

}  // namespace agp::demo
