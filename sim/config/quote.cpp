#include "relocsim/config/quote.hpp"

#include <string>

namespace relocsim::config {
namespace {

// The longest prefix of at most `n` bytes that does not end inside a UTF-8
// sequence (continuation bytes are 10xxxxxx).
std::string_view prefix(std::string_view text, std::size_t n) {
  if (text.size() <= n) return text;
  std::size_t cut = n;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut);
}

// Control characters written as escapes: a NUL would cut the message where
// C strings end, and others move the terminal's cursor.
std::string escaped(std::string_view text) {
  std::string out;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7F) {
      static constexpr char kHex[] = "0123456789ABCDEF";
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += ch;
    }
  }
  return out;
}

std::string cut(std::string_view text, const char* quote) {
  if (text.size() <= kMaxShownBytes) return quote + escaped(text) + quote;
  return quote + escaped(prefix(text, kShownBytes)) + "..." + quote + " (" + std::to_string(text.size()) + " bytes)";
}

}  // namespace

std::string shortened(std::string_view text) { return cut(text, ""); }

std::string quoted(std::string_view text) { return cut(text, "\""); }

std::string with_quotes_shortened(std::string_view message) {
  if (message.size() <= kMaxShownBytes) return std::string(message);
  std::string out;
  std::size_t at = 0;
  for (;;) {
    const auto open = message.find('"', at);
    const auto close = open == std::string_view::npos ? open : message.find('"', open + 1);
    if (close == std::string_view::npos) break;
    out.append(message.substr(at, open - at));
    out += config::quoted(message.substr(open + 1, close - open - 1));
    at = close + 1;
  }
  out.append(message.substr(at));
  return out;
}

}  // namespace relocsim::config
