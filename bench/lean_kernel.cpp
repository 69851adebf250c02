#include "lean_kernel.hpp"

#include <chrono>
#include <cmath>
#include <vector>

#include <tbb/blocked_range.h>
#include <tbb/parallel_reduce.h>

#include "relocsim/engine/rng.hpp"

namespace relocsim::bench {

LeanResult lean_kernel(int firms, int sites, int steps) {
  const auto n = static_cast<std::size_t>(firms);
  const auto S = static_cast<std::size_t>(sites);
  // Per site a level and a slope; per firm one attribute (like productivity).
  std::vector<double> level(S), slope(S), attribute(n);
  for (std::size_t s = 0; s < S; ++s) {
    level[s] = 0.1 * static_cast<double>(s % 7) - 0.3;
    slope[s] = 0.05 * static_cast<double>(s % 5);
  }
  for (std::size_t f = 0; f < n; ++f) attribute[f] = uniforms4(7, f, 0, Purpose::Population)[0];
  const double scale = 4.0;
  using Clock = std::chrono::steady_clock;
  const auto t0 = Clock::now();
  std::uint64_t checksum = 0;
  for (int step = 1; step <= steps; ++step) {
    checksum += tbb::parallel_reduce(
        tbb::blocked_range<std::size_t>(0, n, 2048), std::uint64_t{0},
        [&](const tbb::blocked_range<std::size_t>& r, std::uint64_t sum) {
          // A cache line of padding on each side: two threads' blocks,
          // adjacent on the heap, shared a line, and the rate on 2 threads
          // then depended on where the allocator put them (1.2x one
          // thread's instead of 2x).
          std::vector<double> padded(S + 16);
          double* cumulative = padded.data() + 8;
          for (std::size_t f = r.begin(); f != r.end(); ++f) {
            double total = 0;
            for (std::size_t s = 0; s < S; ++s) {
              total += std::exp(scale * (level[s] + attribute[f] * slope[s]));
              cumulative[s] = total;
            }
            const double target = uniforms4(1, f, static_cast<std::uint64_t>(step), Purpose::Choice)[0] * total;
            std::size_t chosen = 0;
            while (chosen + 1 < S && cumulative[chosen] <= target) ++chosen;
            sum += chosen;
          }
          return sum;
        },
        [](std::uint64_t a, std::uint64_t b) { return a + b; });
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  return {static_cast<double>(n) * static_cast<double>(S) * steps / seconds, checksum};
}

}  // namespace relocsim::bench
