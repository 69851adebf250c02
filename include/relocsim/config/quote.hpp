#pragma once
// User text as an error message shows it. A value can be anything a file
// holds (a 10 MB string, a whole CSV pasted into a cell); echoing it whole
// buries the message and floods a terminal or a batch log. Long text is cut,
// on a UTF-8 character boundary, and says how long it was. Control
// characters are written as escapes (\n, \t, \u0000), and bytes that are not
// UTF-8 as \xHH.
#include <cstddef>
#include <string>
#include <string_view>

namespace relocsim::config {

// Text longer than this many bytes is shortened to its first kShownBytes.
inline constexpr std::size_t kMaxShownBytes = 80;
inline constexpr std::size_t kShownBytes = 60;

// `text` (escaped) when short; else its start, "...", and "(N bytes)".
std::string shortened(std::string_view text);

// shortened(text) in double quotes: "abc", or "abcd..." (10485760 bytes).
std::string quoted(std::string_view text);

// `message` with every double-quoted passage longer than kMaxShownBytes
// shortened: the last line of defence for messages built from user text.
std::string with_quotes_shortened(std::string_view message);

}  // namespace relocsim::config
