#include "relocsim/config/quote.hpp"

#include <string>

#include "utf8.hpp"

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

constexpr char kHex[] = "0123456789ABCDEF";

// The length of the valid UTF-8 sequence that starts at text[i], 0 if none does.
std::size_t sequence_length(std::string_view text, std::size_t i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  const std::size_t n = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  if (i + n > text.size() || first_invalid_utf8(text.substr(i, n))) return 0;
  return n;
}

// Control characters written as escapes: a NUL would cut the message where
// C strings end, and others move the terminal's cursor. Bytes that are not
// UTF-8 (a Latin-1 value) as \xHH, so the message itself stays UTF-8.
std::string escaped(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80) {
      if (const std::size_t n = sequence_length(text, i); n > 0) {
        out.append(text.substr(i, n));
        i += n - 1;
      } else {
        out += "\\x";
        out += kHex[c >> 4];
        out += kHex[c & 15];
      }
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7F) {
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
