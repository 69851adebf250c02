#include "relocsim/engine/taste_gap.hpp"

#include <algorithm>
#include <cmath>

namespace relocsim {
namespace {

// Uniforms come in [0, 1): keep them off 0 so every logarithm is finite.
double open_unit(double u) { return std::max(u, 0x1p-60); }

}  // namespace

double draw_taste_gap(double log_sum, double u_stay, double u_chosen, double uniform_max, double uniform_stay) {
  // U* by inversion of the Gumbel distribution function exp(-exp(-(x - I))).
  const double best = log_sum - std::log(-std::log(open_unit(uniform_max)));
  // U_0 by inversion of the Gumbel(V_0) truncated at U*: its distribution
  // function there is F(U*) = exp(-exp(-(U* - V_0))), so
  // U_0 = V_0 - log(-log(u F(U*))) = V_0 - log(-log u + exp(-(U* - V_0))).
  const double stay = u_stay - std::log(-std::log(open_unit(uniform_stay)) + std::exp(-(best - u_stay)));
  return (best - u_chosen) - (stay - u_stay);
}

}  // namespace relocsim
