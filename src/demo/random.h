// A small deterministic random source: xoshiro256** seeded by splitmix64 (Blackman and Vigna).
// The standard library's distributions differ between implementations, so agp draws its own.
#pragma once

#include <cmath>
#include <cstdint>
#include <initializer_list>

namespace agp::demo {

class Random {
 public:
  explicit Random(uint64_t seed) {
    for (uint64_t& s : s_) {
      seed += 0x9e3779b97f4a7c15ULL;
      uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      s = z ^ (z >> 31);
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
  // Uniform integer in [lo, hi].
  int Between(int lo, int hi) {
    return lo + static_cast<int>(Uniform() * static_cast<double>(hi - lo + 1));
  }
  bool Chance(double p) { return Uniform() < p; }
  // Poisson by inversion; fine for the small means used here.
  int Poisson(double mean) {
    const double limit = std::exp(-mean);
    double p = Uniform();
    int k = 0;
    while (p > limit) {
      p *= Uniform();
      ++k;
    }
    return k;
  }
  // Index drawn with the given weights.
  int Pick(std::initializer_list<double> weights) {
    double total = 0;
    for (double w : weights) total += w;
    double x = Uniform() * total;
    int i = 0;
    for (double w : weights) {
      if (x < w) return i;
      x -= w;
      ++i;
    }
    return i - 1;
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

}  // namespace agp::demo
