// Finding the sections' pages in the printed report's text (see pdf_pages.h).
#include "report/pdf_pages.h"

#include <algorithm>

namespace agp::report {
namespace {

// Spaces of the printed text other than U+0020, as UTF-8.
constexpr std::string_view kOtherSpaces[] = {
    "\xC2\xA0",      // no-break space
    "\xE2\x80\xAF",  // narrow no-break space (thousands in Num())
    "\xE2\x80\x89",  // thin space
    "\xE2\x80\x82",  // en space
    "\xE2\x80\x83",  // em space
};
constexpr std::string_view kSoftHyphen = "\xC2\xAD";

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; }

struct Line {
  std::string raw;        // as printed, leading spaces removed
  std::string collapsed;  // CollapseSpaces(raw)
};

std::vector<Line> Lines(std::string_view page) {
  std::vector<Line> lines;
  size_t start = 0;
  while (start <= page.size()) {
    size_t end = page.find('\n', start);
    if (end == std::string_view::npos) end = page.size();
    std::string_view raw = page.substr(start, end - start);
    while (!raw.empty() && IsSpace(raw.front())) raw.remove_prefix(1);
    Line line{std::string(raw), CollapseSpaces(raw)};
    if (!line.collapsed.empty()) lines.push_back(std::move(line));
    start = end + 1;
  }
  return lines;
}

// Whether the heading `text` (collapsed) begins at line i: the line (or up to three lines
// joined) is exactly the text, or the line starts with the text followed by a gap of at least
// three spaces in the printed layout.
bool HeadingAt(const std::vector<Line>& lines, size_t i, const std::string& text) {
  std::string joined;
  for (size_t k = i; k < lines.size() && k < i + 3; ++k) {
    if (!joined.empty()) joined += ' ';
    joined += lines[k].collapsed;
    if (joined == text) return true;
    if (joined.size() >= text.size()) break;
  }
  const std::string& raw = lines[i].raw;
  // Compare the raw line's start word by word with the collapsed text.
  size_t r = 0, t = 0;
  while (t < text.size() && r < raw.size()) {
    if (text[t] == ' ') {
      if (!IsSpace(raw[r])) return false;
      while (r < raw.size() && IsSpace(raw[r])) ++r;
      ++t;
    } else if (text[t] == raw[r]) {
      ++t;
      ++r;
    } else {
      return false;
    }
  }
  if (t < text.size()) return false;
  return raw.compare(r, 3, "   ") == 0;
}

bool PageHasHeading(const std::vector<Line>& lines, const std::string& text) {
  for (size_t i = 0; i < lines.size(); ++i) {
    if (HeadingAt(lines, i, text)) return true;
  }
  return false;
}

bool PageHasLineStartingWith(const std::vector<Line>& lines, const std::string& text) {
  return std::any_of(lines.begin(), lines.end(),
                     [&](const Line& l) { return l.collapsed.rfind(text, 0) == 0; });
}

}  // namespace

std::vector<std::string> SplitPages(std::string_view text) {
  std::vector<std::string> pages;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\f', start);
    if (end == std::string_view::npos) {
      // Text after the last form feed is a page only if it holds something.
      std::string_view rest = text.substr(start);
      if (std::any_of(rest.begin(), rest.end(), [](char c) { return !IsSpace(c); })) {
        pages.emplace_back(rest);
      }
      break;
    }
    pages.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return pages;
}

std::string CollapseSpaces(std::string_view text) {
  // One pass: other spaces count as spaces, soft hyphens vanish, runs of spaces become one and
  // leading or trailing spaces none. (Built forward rather than by replacing in place.)
  std::string out;
  out.reserve(text.size());
  bool space = false;
  size_t i = 0;
  while (i < text.size()) {
    std::string_view rest = text.substr(i);
    if (rest.substr(0, kSoftHyphen.size()) == kSoftHyphen) {
      i += kSoftHyphen.size();
      continue;
    }
    size_t other = 0;
    for (std::string_view s : kOtherSpaces) {
      if (rest.substr(0, s.size()) == s) other = s.size();
    }
    if (other > 0 || IsSpace(text[i])) {
      space = !out.empty();
      i += other > 0 ? other : 1;
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += text[i];
    ++i;
  }
  return out;
}

std::map<std::string, int> FindHeadingPages(
    const std::vector<std::string>& pages,
    const std::vector<std::pair<std::string, std::string>>& entries,
    std::string_view contents_heading) {
  std::vector<std::vector<Line>> lines;
  lines.reserve(pages.size());
  for (const std::string& p : pages) lines.push_back(Lines(p));

  // The contents: from the first page with its heading to the page listing the last entry.
  const std::string contents = CollapseSpaces(contents_heading);
  int first_contents = -1, last_contents = -1;
  for (size_t p = 0; p < lines.size(); ++p) {
    for (const Line& l : lines[p]) {
      if (l.collapsed == contents) {
        if (first_contents < 0) first_contents = static_cast<int>(p);
        last_contents = static_cast<int>(p);
      }
    }
  }
  if (first_contents >= 0 && !entries.empty()) {
    const std::string last_entry = CollapseSpaces(entries.back().second);
    for (size_t p = static_cast<size_t>(first_contents); p < lines.size(); ++p) {
      if (PageHasLineStartingWith(lines[p], last_entry)) {
        last_contents = std::max(last_contents, static_cast<int>(p));
        break;
      }
    }
  }

  std::map<std::string, int> found;
  size_t from = static_cast<size_t>(last_contents + 1);
  for (const auto& [anchor, heading] : entries) {
    const std::string text = CollapseSpaces(heading);
    if (text.empty()) continue;
    for (size_t p = from; p < lines.size(); ++p) {
      if (PageHasHeading(lines[p], text)) {
        found[anchor] = static_cast<int>(p) + 1;
        from = p;
        break;
      }
    }
  }
  return found;
}

}  // namespace agp::report
