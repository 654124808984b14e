// Progress on a terminal: a bar on standard error when it is a terminal, nothing otherwise.
#pragma once

#include <chrono>
#include <string>

namespace agp::app {

class ProgressBar {
 public:
  // Draws only when standard error is a terminal (and $TERM is not "dumb").
  ProgressBar();
  ~ProgressBar() { Finish(); }
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  // Shows `label` with done/total; redraws at most ten times a second.
  void Update(const std::string& label, double done, double total);
  // Clears the bar's line.
  void Finish();

 private:
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_{};
};

// "1 234 567" (Norwegian digit grouping with a space).
std::string GroupDigits(long long n);

// `text` cut or padded with spaces to `width` characters (UTF-8 aware), left or right aligned.
std::string Pad(std::string_view text, size_t width, bool right = false);

}  // namespace agp::app
