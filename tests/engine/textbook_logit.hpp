#pragma once
// The nested logit's closed form, written out for tests independently of the
// engine's numerically stabilised version:
//   P(j) = exp(U_j / l_n) S_n^(l_n - 1) / sum_m S_m^(l_m),  S_n = sum_{i in n} exp(U_i / l_n).
#include <cmath>
#include <vector>

#include "relocsim/engine/nested_logit.hpp"

namespace relocsim::test {

inline std::vector<double> textbook_nested_logit(const std::vector<double>& u, const std::vector<std::uint8_t>& nest,
                                                 const NestParams& p) {
  // Shift by the largest utility: it cancels in the ratio and keeps exp finite.
  double top = u.empty() ? 0 : u[0];
  for (double x : u) top = std::max(top, x);
  std::vector<double> s(kNumNests, 0.0), out(u.size());
  for (std::size_t j = 0; j < u.size(); ++j) s[nest[j]] += std::exp((u[j] - top) / p.lambda[nest[j]]);
  double denom = 0;
  for (int k = 0; k < kNumNests; ++k)
    if (s[k] > 0) denom += std::pow(s[k], p.lambda[k]);
  for (std::size_t j = 0; j < u.size(); ++j) {
    const int k = nest[j];
    out[j] = std::exp((u[j] - top) / p.lambda[k]) * std::pow(s[k], p.lambda[k] - 1) / denom;
  }
  return out;
}

}  // namespace relocsim::test
