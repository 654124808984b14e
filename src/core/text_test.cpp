#include "core/text.h"

#include <gtest/gtest.h>

namespace agp::core {
namespace {

// Issue 13, item 12: "/x%0d%0aPOST%20/brukere%20200" decoded wrote a second, forged line.
TEST(LogSafe, NothingALogFieldHoldsCanEndTheLineOrReachTheTerminal) {
  EXPECT_EQ(LogSafe("/enheter/1100"), "/enheter/1100");
  EXPECT_EQ(LogSafe("/x\r\nPOST /brukere 200"), "/x\\x0d\\x0aPOST\\x20/brukere\\x20200");
  EXPECT_EQ(LogSafe("\x1b[31mred"), "\\x1b[31mred");
  EXPECT_EQ(LogSafe(std::string("a\0b", 3)), "a\\x00b");
  EXPECT_EQ(LogSafe("\x7f"), "\\x7f");
  // The escape character itself is escaped, so "\x0a" in a path cannot pass for an escape.
  EXPECT_EQ(LogSafe("\\x0a"), "\\x5cx0a");
  // Bytes of UTF-8 (and C1 controls such as U+009B, a terminal's CSI) are escaped byte by byte.
  EXPECT_EQ(LogSafe("æ"), "\\xc3\\xa6");
  EXPECT_EQ(LogSafe("\xc2\x9b"), "\\xc2\\x9b");
  const std::string every = [] {
    std::string s;
    for (int c = 0; c < 256; ++c) s += static_cast<char>(c);
    return s;
  }();
  const std::string safe = LogSafe(every);
  for (char c : safe) EXPECT_TRUE(c > 0x20 && c < 0x7f) << static_cast<int>(c);
}

}  // namespace
}  // namespace agp::core
