#pragma once
// The nested logit a reviewing firm chooses by. Nest 0 holds "stay" alone; nest
// 1 + b holds the options (move to a site, add a plant at a site) in bloc b.
//
//   P(j) = P(nest n) * P(j | n)
//   P(j | n) = exp(U_j / l_n) / sum_{i in n} exp(U_i / l_n)
//   P(n) = exp(l_n I_n) / sum_m exp(l_m I_m),   I_n = log sum_{i in n} exp(U_i / l_n)
//
// with l_0 = 1. U is already scaled (logit_scale times value).
#include <array>
#include <cstdint>
#include <vector>

#include "relocsim/engine/spec.hpp"

namespace relocsim {

inline constexpr int kNumNests = 1 + kNumBlocs;

struct NestParams {
  std::array<double, kNumNests> lambda{1, 1, 1, 1};
};

// Alternatives come grouped by nest: nest k holds [begin[k], begin[k + 1]).
// Grouping lets each nest's sums run over a contiguous range.
struct NestRanges {
  std::array<int, kNumNests + 1> begin{};
  [[nodiscard]] int size() const { return begin[kNumNests]; }
};

// Ranges of a list of nest ids that is already sorted (for tests and tools).
NestRanges nest_ranges(const std::uint8_t* nest, int n);

// Closed-form probabilities of every alternative, in double precision and
// numerically stable (log-sum-exp per nest); for tests and diagnostics.
void nested_logit_probabilities(const double* utility, const NestRanges& ranges, const NestParams& params,
                                double* probability);

// The log-sum (inclusive value of the whole choice), log sum_n exp(l_n I_n),
// in double precision: the location of the maximum utility's Gumbel
// distribution; for tests and diagnostics (the sampler gives it too). scratch
// must hold ranges.size() doubles.
double nested_logit_log_sum(const double* utility, const NestRanges& ranges, const NestParams& params,
                            double* scratch);

// Draws one alternative by inversion: u_nest picks the nest, u_alt the
// alternative within it. scratch must hold ranges.size() doubles. Returns the
// index; when log_sum is given, also the log-sum of the choice from the same
// sums (single-precision exponentials: a relative error near 1e-7, far below
// the Gumbel draw it locates), sparing a second pass over the options.
int nested_logit_sample(const double* utility, const NestRanges& ranges, const NestParams& params, double u_nest,
                        double u_alt, double* scratch, double* log_sum = nullptr);

}  // namespace relocsim
