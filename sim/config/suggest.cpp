#include "suggest.hpp"

#include <algorithm>
#include <cctype>
#include <limits>
#include <utility>

namespace relocsim::config {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Optimal string alignment: Levenshtein plus adjacent transposition, over
  // three rolling rows since keys are short.
  const std::size_t n = b.size();
  std::vector<std::size_t> before(n + 1), prev(n + 1), cur(n + 1);
  for (std::size_t j = 0; j <= n; ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= n; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        cur[j] = std::min(cur[j], before[j - 2] + 1);
      }
    }
    std::swap(before, prev);
    std::swap(prev, cur);
  }
  return prev[n];
}

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::string nearest(std::string_view wanted, const std::vector<std::string>& candidates) {
  // Case is the cheapest mistake ("Asean" for ASEAN), so candidates are
  // ranked by their distance ignoring case first, then by the exact one.
  const std::string wanted_lower = lower(wanted);
  std::string best;
  std::pair<std::size_t, std::size_t> best_distance{std::numeric_limits<std::size_t>::max(), 0};
  for (const auto& c : candidates) {
    const std::pair<std::size_t, std::size_t> d{edit_distance(wanted_lower, lower(c)), edit_distance(wanted, c)};
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

std::string did_you_mean(std::string_view wanted, const std::vector<std::string>& candidates) {
  const std::string best = nearest(wanted, candidates);
  return best.empty() ? std::string() : "; did you mean " + best + "?";
}

}  // namespace relocsim::config
