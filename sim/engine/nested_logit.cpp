#include "relocsim/engine/nested_logit.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "relocsim/engine/error.hpp"

namespace relocsim {
namespace {

// Per nest: the largest scaled utility, the sum of exp(U/l - max), and the
// nest's log weight l (max + log sum) less the largest over nests, so that no
// exponent overflows however large the values are.
struct NestSums {
  std::array<double, kNumNests> sum{};
  std::array<double, kNumNests> log_weight{};
  double top = 0;  // subtracted from every log weight
};

template <bool kSinglePrecision>
NestSums nest_sums(const double* utility, const NestRanges& r, const NestParams& params, double* expo) {
  NestSums s;
  double top = -std::numeric_limits<double>::infinity();
  for (int k = 0; k < kNumNests; ++k) {
    const int first = r.begin[k], last = r.begin[k + 1];
    if (first == last) {
      s.log_weight[k] = -std::numeric_limits<double>::infinity();
      continue;
    }
    const double inv = 1.0 / params.lambda[k];
    double max_scaled = utility[first] * inv;
    for (int j = first + 1; j < last; ++j) max_scaled = std::max(max_scaled, utility[j] * inv);
    // The sampler takes the exponentials in single precision: they only weigh
    // a random draw, their relative error (1e-7) is far below the sampling
    // noise, and expf is several times cheaper. Every argument is <= 0.
    // A nest of one alternative (staying) needs neither: its exponent is
    // exactly 0 (a finite value less itself), so its exponential and sum are
    // exactly 1 and the sum's logarithm exactly +0, what exp and log return.
    double sum = 0, log_sum = 0;
    if (last - first == 1) {
      expo[first] = sum = 1;
    } else {
      for (int j = first; j < last; ++j) {
        const double x = utility[j] * inv - max_scaled;
        const double e = kSinglePrecision ? static_cast<double>(std::exp(static_cast<float>(x))) : std::exp(x);
        expo[j] = e;
        sum += e;
      }
      log_sum = std::log(sum);
    }
    s.sum[k] = sum;
    s.log_weight[k] = params.lambda[k] * (max_scaled + log_sum);
    top = std::max(top, s.log_weight[k]);
  }
  for (auto& w : s.log_weight) w -= top;
  s.top = top;
  return s;
}

}  // namespace

NestRanges nest_ranges(const std::uint8_t* nest, int n) {
  NestRanges r;
  int j = 0;
  for (int k = 0; k < kNumNests; ++k) {
    r.begin[k] = j;
    while (j < n && nest[j] == k) ++j;
  }
  r.begin[kNumNests] = j;
  if (j != n) throw Error("nest_ranges: nest ids must be sorted and below kNumNests");
  return r;
}

void nested_logit_probabilities(const double* utility, const NestRanges& r, const NestParams& params,
                                double* probability) {
  const NestSums s = nest_sums<false>(utility, r, params, probability);
  std::array<double, kNumNests> p_nest{};
  double total = 0;
  for (int k = 0; k < kNumNests; ++k) total += p_nest[k] = std::exp(s.log_weight[k]);
  for (int k = 0; k < kNumNests; ++k)
    for (int j = r.begin[k]; j < r.begin[k + 1]; ++j) probability[j] = p_nest[k] / total * probability[j] / s.sum[k];
}

double nested_logit_log_sum(const double* utility, const NestRanges& r, const NestParams& params,
                            double* scratch) {
  const NestSums s = nest_sums<false>(utility, r, params, scratch);
  double total = 0;
  for (double w : s.log_weight) total += std::exp(w);
  return s.top + std::log(total);
}

int nested_logit_sample(const double* utility, const NestRanges& r, const NestParams& params, double u_nest,
                        double u_alt, double* scratch, double* log_sum) {
  const NestSums s = nest_sums<true>(utility, r, params, scratch);
  std::array<double, kNumNests> weight{};
  double total = 0;
  // The top nest's log weight is exactly 0 (the largest less itself), whose
  // exponential is exactly 1.
  for (int k = 0; k < kNumNests; ++k) total += weight[k] = s.log_weight[k] == 0 ? 1.0 : std::exp(s.log_weight[k]);
  if (log_sum != nullptr) *log_sum = s.top + std::log(total);
#ifdef RELOCSIM_CHECKS
  // The nest weights must make a distribution: finite, positive, and the
  // within-nest sums positive wherever a nest has alternatives.
  if (!(std::isfinite(total) && total >= 1.0 && total <= kNumNests))
    throw Error("nested logit: nest weights do not form a distribution (total " + std::to_string(total) + ")");
  for (int k = 0; k < kNumNests; ++k)
    if (r.begin[k + 1] > r.begin[k] && !(s.sum[k] >= 1.0 && std::isfinite(s.sum[k])))
      throw Error("nested logit: nest " + std::to_string(k) + " has alternatives but no weight");
#endif
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
  const int first = r.begin[chosen_nest], last = r.begin[chosen_nest + 1];
  const double target = u_alt * s.sum[chosen_nest];
  acc = 0;
  for (int j = first; j < last - 1; ++j) {
    acc += scratch[j];
    if (target < acc) return j;
  }
  return last - 1;
}

}  // namespace relocsim
