#pragma once
// "Did you mean ...?" for misspelt keys, columns and ids.
#include <string>
#include <string_view>
#include <vector>

namespace relocsim::config {

// Edit distance counting insertions, deletions, substitutions and swaps of
// adjacent characters (the usual typing mistakes).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `wanted`, the first one on ties; "" when there are none.
std::string nearest(std::string_view wanted, const std::vector<std::string>& candidates);

// "; did you mean X?" or "" when there is nothing to suggest.
std::string did_you_mean(std::string_view wanted, const std::vector<std::string>& candidates);

}  // namespace relocsim::config
