// The unit-cube designs. Random choices (Latin hypercube strata and jitter,
// Morris base points, directions and orders) are Philox draws keyed by the
// master seed and counted by what they are for, like the engine's draws: the
// design depends on nothing but its arguments.
#include <fmt/format.h>

#include <boost/random/sobol.hpp>
#include <cmath>
#include <numeric>

#include "relocsim/engine/error.hpp"
#include "relocsim/engine/rng.hpp"
#include "relocsim/sweep/design.hpp"

namespace relocsim::sweep {
namespace {

// What a draw is for; the second word of the Philox key.
enum Stream : std::uint64_t {
  kLhsPermutation = 0x6c68732d7065726d,  // "lhs-perm"
  kLhsJitter = 0x6c68732d6a697474,       // "lhs-jitt"
  kMorrisBase = 0x6d6f727269732d62,      // "morris-b"
  kMorrisDirection = 0x6d6f727269732d64, // "morris-d"
  kMorrisOrder = 0x6d6f727269732d6f,     // "morris-o"
};

// A uniform double in (0, 1), never 0 or 1: the top 53 bits plus one half.
double draw(std::uint64_t seed, Stream stream, std::uint64_t a, std::uint64_t b) {
  const Philox::ctr_type ctr{{a, b, 0, 0}};
  const Philox::key_type key{{seed, stream}};
  return (static_cast<double>(Philox{}(ctr, key)[0] >> 11) + 0.5) * 0x1p-53;
}

// A random permutation of 0..n-1 (Fisher-Yates) from the draws (a, 0..n-1).
std::vector<long long> permutation(long long n, std::uint64_t seed, Stream stream, std::uint64_t a) {
  std::vector<long long> perm(static_cast<std::size_t>(n));
  std::iota(perm.begin(), perm.end(), 0LL);
  for (long long i = n - 1; i > 0; --i) {
    const auto k = static_cast<long long>(draw(seed, stream, a, static_cast<std::uint64_t>(i)) * static_cast<double>(i + 1));
    std::swap(perm[static_cast<std::size_t>(i)], perm[static_cast<std::size_t>(std::min(k, i))]);
  }
  return perm;
}

UnitDesign empty_design(std::size_t rows, std::size_t params) {
  UnitDesign u;
  u.rows = rows;
  u.params = params;
  u.unit.assign(rows * params, 0.0);
  u.role.assign(rows, "");
  u.group.resize(rows);
  std::iota(u.group.begin(), u.group.end(), 0);
  return u;
}

}  // namespace

UnitDesign grid_unit(const std::vector<int>& points) {
  std::size_t rows = 1;
  for (int p : points) rows *= static_cast<std::size_t>(p);
  UnitDesign u = empty_design(points.empty() ? 0 : rows, points.size());
  for (std::size_t row = 0; row < u.rows; ++row) {
    // The row's index in mixed radix, last parameter fastest.
    std::size_t rest = row;
    for (std::size_t j = points.size(); j-- > 0;) {
      const auto L = static_cast<std::size_t>(points[j]);
      const std::size_t level = rest % L;
      rest /= L;
      u.unit[row * u.params + j] = L == 1 ? 0.5 : static_cast<double>(level) / static_cast<double>(L - 1);
    }
  }
  return u;
}

UnitDesign lhs_unit(long long n, std::size_t d, std::uint64_t seed) {
  UnitDesign u = empty_design(static_cast<std::size_t>(n), d);
  for (std::size_t j = 0; j < d; ++j) {
    const auto strata = permutation(n, seed, kLhsPermutation, j);
    for (std::size_t row = 0; row < u.rows; ++row) {
      const double jitter = draw(seed, kLhsJitter, j, row);
      // (stratum + jitter) / n stays below (stratum + 1) / n: jitter < 1.
      u.unit[row * d + j] = (static_cast<double>(strata[row]) + jitter) / static_cast<double>(n);
    }
  }
  return u;
}

UnitDesign saltelli_unit(long long n, std::size_t d, bool second_order) {
  const std::size_t per_base = second_order ? 2 * d + 2 : d + 2;
  UnitDesign u = empty_design(static_cast<std::size_t>(n) * per_base, d);
  // Boost's table (Joe and Kuo) covers 3667 dimensions.
  if (2 * d > 3667) throw SpecError(fmt::format("saltelli: {} parameters exceed the Sobol table's 1833", d));
  // Boost's sequence starts after the origin, at (0.5, ..., 0.5); no
  // coordinate of a later point is 0, so every inverse CDF is finite.
  boost::random::sobol sobol(2 * d);
  std::vector<double> a(d), b(d);
  std::size_t row = 0;
  const auto put = [&](const std::vector<double>& values, std::string role, long long base) {
    std::copy(values.begin(), values.end(), u.unit.begin() + static_cast<long>(row * d));
    u.role[row] = std::move(role);
    u.group[row] = static_cast<std::int32_t>(base);
    ++row;
  };
  for (long long j = 0; j < n; ++j) {
    for (auto& x : a) x = std::ldexp(static_cast<double>(sobol()), -64);
    for (auto& x : b) x = std::ldexp(static_cast<double>(sobol()), -64);
    put(a, "A", j);
    for (std::size_t i = 0; i < d; ++i) {
      auto ab = a;
      ab[i] = b[i];
      put(ab, fmt::format("AB_{}", i), j);
    }
    if (second_order) {
      for (std::size_t i = 0; i < d; ++i) {
        auto ba = b;
        ba[i] = a[i];
        put(ba, fmt::format("BA_{}", i), j);
      }
    }
    put(b, "B", j);
  }
  return u;
}

double morris_delta(int p) { return p / (2.0 * (p - 1)); }

UnitDesign morris_unit(long long r, std::size_t d, int p, std::uint64_t seed) {
  if (p < 2 || p % 2 != 0) throw SpecError(fmt::format("morris: {} levels; expected an even number >= 2", p));
  UnitDesign u = empty_design(static_cast<std::size_t>(r) * (d + 1), d);
  // Work in whole levels 0..p-1 so every step is exactly p/2 levels.
  const int step = p / 2;
  for (long long t = 0; t < r; ++t) {
    const auto tt = static_cast<std::uint64_t>(t);
    std::vector<int> level(d);
    std::vector<int> direction(d);
    for (std::size_t j = 0; j < d; ++j) {
      // The base x* is one of the p/2 lowest levels, so x* + Delta <= 1.
      const int base = static_cast<int>(draw(seed, kMorrisBase, tt, j) * step);
      direction[j] = draw(seed, kMorrisDirection, tt, j) < 0.5 ? -1 : 1;
      // Going down, a trajectory starts at x* + Delta and ends at x*.
      level[j] = std::min(base, step - 1) + (direction[j] < 0 ? step : 0);
    }
    const auto order = permutation(static_cast<long long>(d), seed, kMorrisOrder, tt);
    for (std::size_t m = 0; m <= d; ++m) {
      if (m > 0) {
        const auto j = static_cast<std::size_t>(order[m - 1]);
        level[j] += direction[j] * step;
      }
      const std::size_t row = static_cast<std::size_t>(t) * (d + 1) + m;
      for (std::size_t j = 0; j < d; ++j) u.unit[row * d + j] = static_cast<double>(level[j]) / (p - 1);
      u.role[row] = fmt::format("trajectory_{}_point_{}", t, m);
      u.group[row] = static_cast<std::int32_t>(t);
    }
  }
  return u;
}

}  // namespace relocsim::sweep
