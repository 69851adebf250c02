#pragma once
// Parallel loops over firms in fixed blocks. The blocks are the same for any
// thread count; partial results are kept per block and combined in block
// order, so floating-point sums and event lists come out bit for bit the same
// on 1 or N threads.
#include <algorithm>
#include <cstddef>
#include <vector>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

namespace relocsim {

inline constexpr std::size_t kFirmBlock = 2048;

inline std::size_t block_count(std::size_t n) { return (n + kFirmBlock - 1) / kFirmBlock; }

// body(first, last, partial) for each block, into partials the caller keeps
// (resized to the block count), so that their buffers can be reused from call
// to call; body must then first reset what it accumulates.
template <class Partial, class Body>
void for_each_block_into(std::size_t n, std::vector<Partial>& parts, Body body) {
  parts.resize(block_count(n));
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, parts.size()), [&](const tbb::blocked_range<std::size_t>& r) {
    for (std::size_t b = r.begin(); b != r.end(); ++b)
      body(b * kFirmBlock, std::min(n, (b + 1) * kFirmBlock), parts[b]);
  });
}

// body(first, last, partial) for each block; returns the per-block partials in block order.
template <class Partial, class Body>
std::vector<Partial> for_each_block(std::size_t n, const Partial& zero, Body body) {
  std::vector<Partial> parts(block_count(n), zero);
  for_each_block_into(n, parts, body);
  return parts;
}

// for_each_block, then merge(total, part) over the parts in block order.
template <class Partial, class Body, class Merge>
Partial block_reduce(std::size_t n, const Partial& zero, Body body, Merge merge) {
  auto parts = for_each_block(n, zero, body);
  Partial total = zero;
  for (const auto& p : parts) merge(total, p);
  return total;
}

// Element-wise sum of equally sized vectors, for block_reduce.
template <class T>
void add_into(std::vector<T>& total, const std::vector<T>& part) {
  for (std::size_t i = 0; i < total.size(); ++i) total[i] += part[i];
}

}  // namespace relocsim
