// The checks on text itself, below load(): UTF-8 validity (a CSV saved as
// Latin-1), and how user text is shown in messages (shortened, escaped).
#include <catch2/catch.hpp>

#include <string>

#include "relocsim/config/quote.hpp"
#include "utf8.hpp"

using namespace relocsim::config;

TEST_CASE("utf-8: valid text passes, the first bad byte is found", "[config][utf8]") {
  CHECK_FALSE(first_invalid_utf8(""));
  CHECK_FALSE(first_invalid_utf8("plain ASCII, \t and \n"));
  CHECK_FALSE(first_invalid_utf8("S\xC3\xA3o Paulo, \xE0\xA4\xA6\xE0\xA4\xBF\xE0\xA4\xB2\xE0\xA5\x8D\xE0\xA4\xB2\xE0\xA5\x80"));
  CHECK_FALSE(first_invalid_utf8("\xF0\x9F\x8F\xAD"));             // U+1F3ED, four bytes
  CHECK(first_invalid_utf8("S\xE3o") == 1u);                        // Latin-1 a-tilde
  CHECK(first_invalid_utf8("ab\x80") == 2u);                        // a lone continuation byte
  CHECK(first_invalid_utf8("\xC0\xAF") == 0u);                      // overlong '/'
  CHECK(first_invalid_utf8("\xE0\x80\xAF") == 0u);                  // overlong, three bytes
  CHECK(first_invalid_utf8("\xED\xA0\x80") == 0u);                  // a UTF-16 surrogate
  CHECK(first_invalid_utf8("\xF4\x90\x80\x80") == 0u);              // above U+10FFFF
  CHECK(first_invalid_utf8("x\xE2\x82") == 1u);                     // cut short at the end
  CHECK(first_invalid_utf8("\xFF") == 0u);
}

TEST_CASE("quote: long text is cut on a character boundary and says its length", "[config][quote]") {
  CHECK(quoted("abc") == "\"abc\"");
  CHECK(quoted(std::string(kMaxShownBytes, 'a')) == "\"" + std::string(kMaxShownBytes, 'a') + "\"");
  CHECK(quoted(std::string(kMaxShownBytes + 1, 'a')) ==
        "\"" + std::string(kShownBytes, 'a') + "...\" (" + std::to_string(kMaxShownBytes + 1) + " bytes)");
  // 59 ASCII bytes then two-byte characters: the cut falls inside the first
  // of them, which is dropped whole.
  std::string accents = std::string(59, 'a');
  for (int i = 0; i < 20; ++i) accents += "\xC3\xA9";
  CHECK(quoted(accents) == "\"" + std::string(59, 'a') + "...\" (99 bytes)");
  CHECK(shortened("x") == "x");
}

TEST_CASE("quote: control characters are escaped, a NUL cannot cut the message", "[config][quote]") {
  CHECK(quoted(std::string("a\0b", 3)) == "\"a\\u0000b\"");
  CHECK(quoted("line\nnext\ttab\x1b[2J") == "\"line\\nnext\\ttab\\u001B[2J\"");
}

TEST_CASE("quote: bytes that are not UTF-8 are shown as \\xHH, valid characters as themselves", "[config][quote]") {
  CHECK(quoted("S\xE3o") == "\"S\\xE3o\"");
  CHECK(quoted("S\xC3\xA3o") == "\"S\xC3\xA3o\"");
  CHECK(quoted("\xE2\x82") == "\"\\xE2\\x82\"");
}

TEST_CASE("quote: every long quoted passage of a message is shortened", "[config][quote]") {
  const std::string big(1000, 'z');
  CHECK(with_quotes_shortened("short \"" + big + "\" and \"ok\"") ==
        "short \"" + std::string(kShownBytes, 'z') + "...\" (1000 bytes) and \"ok\"");
  CHECK(with_quotes_shortened("no quotes here") == "no quotes here");
}
