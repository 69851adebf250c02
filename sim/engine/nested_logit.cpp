#include "relocsim/engine/nested_logit.hpp"

#include <cmath>
#include <limits>

namespace relocsim {
namespace {

// Per nest: the largest scaled utility and the sum of exp(U/l - max), so that
// no exponent overflows however large the values are.
struct NestSums {
  std::array<double, kNumNests> max_scaled;
  std::array<double, kNumNests> sum;
  std::array<double, kNumNests> log_weight;  // l_n * I_n, minus the largest over nests
};

template <bool kSinglePrecision>
NestSums nest_sums(const double* utility, const std::uint8_t* nest, int n, const NestParams& params,
                   double* expo) {
  NestSums s;
  std::array<double, kNumNests> inv;
  for (int k = 0; k < kNumNests; ++k) inv[k] = 1.0 / params.lambda[k];
  s.max_scaled.fill(-std::numeric_limits<double>::infinity());
  s.sum.fill(0);
  for (int j = 0; j < n; ++j) {
    const double x = utility[j] * inv[nest[j]];
    if (x > s.max_scaled[nest[j]]) s.max_scaled[nest[j]] = x;
  }
  // The sampler takes the exponentials in single precision: they only weigh a
  // random draw, their relative error (1e-7) is far below the sampling noise,
  // and expf is several times cheaper. Every argument is <= 0: no overflow.
  for (int j = 0; j < n; ++j) {
    const double x = utility[j] * inv[nest[j]] - s.max_scaled[nest[j]];
    const double e = kSinglePrecision ? static_cast<double>(std::exp(static_cast<float>(x))) : std::exp(x);
    expo[j] = e;
    s.sum[nest[j]] += e;
  }
  double top = -std::numeric_limits<double>::infinity();
  for (int k = 0; k < kNumNests; ++k) {
    s.log_weight[k] = s.sum[k] > 0 ? params.lambda[k] * (s.max_scaled[k] + std::log(s.sum[k]))
                                   : -std::numeric_limits<double>::infinity();
    if (s.log_weight[k] > top) top = s.log_weight[k];
  }
  for (auto& w : s.log_weight) w -= top;
  return s;
}

}  // namespace

void nested_logit_probabilities(const double* utility, const std::uint8_t* nest, int n, const NestParams& params,
                                double* probability) {
  const NestSums s = nest_sums<false>(utility, nest, n, params, probability);
  std::array<double, kNumNests> p_nest{};
  double total = 0;
  for (int k = 0; k < kNumNests; ++k) total += p_nest[k] = std::exp(s.log_weight[k]);
  for (int j = 0; j < n; ++j) probability[j] = p_nest[nest[j]] / total * probability[j] / s.sum[nest[j]];
}

int nested_logit_sample(const double* utility, const std::uint8_t* nest, int n, const NestParams& params,
                        double u_nest, double u_alt, double* scratch) {
  const NestSums s = nest_sums<true>(utility, nest, n, params, scratch);
  std::array<double, kNumNests> weight{};
  double total = 0;
  for (int k = 0; k < kNumNests; ++k) total += weight[k] = std::exp(s.log_weight[k]);
  // Inversion over nests, then over the chosen nest's alternatives; the last
  // candidate absorbs rounding so a draw always lands somewhere.
  int chosen_nest = -1;
  double acc = 0;
  const double target_nest = u_nest * total;
  for (int k = 0; k < kNumNests; ++k) {
    if (weight[k] <= 0) continue;
    chosen_nest = k;
    acc += weight[k];
    if (target_nest < acc) break;
  }
  int chosen = -1;
  acc = 0;
  const double target = u_alt * s.sum[chosen_nest];
  for (int j = 0; j < n; ++j) {
    if (nest[j] != chosen_nest) continue;
    chosen = j;
    acc += scratch[j];
    if (target < acc) break;
  }
  return chosen;
}

}  // namespace relocsim
