// The local design around an estimate (statistics.hpp: local_design).
#include "checks.hpp"

#include <algorithm>
#include <bit>

namespace relocsim::calibrate {

namespace {
// Sylvester-Hadamard entry H[r][c] = (-1)^popcount(r & c). Rows and columns
// 1..P skip the all-plus row and column, so each diagonal point moves every
// coordinate and no two parameters move together in every point.
double hadamard_sign(unsigned r, unsigned c) { return (std::popcount(r & c) % 2 == 0) ? 1.0 : -1.0; }
}  // namespace

Matrix local_design(const Vector& center, const Vector& lower, const Vector& upper, double relative_step) {
  constexpr std::string_view fn = "local_design";
  const Eigen::Index P = center.size();
  detail::require(lower.size() == P && upper.size() == P, fn, "center, lower and upper differ in length");
  detail::require_finite(center, fn, "center");
  detail::require_finite(lower, fn, "lower");
  detail::require_finite(upper, fn, "upper");
  detail::require((lower.array() <= upper.array()).all(), fn, "a lower bound is above its upper bound");
  detail::require(((center - lower).array() >= 0).all() && ((upper - center).array() >= 0).all(), fn,
                  "center is outside the bounds");
  detail::require(std::isfinite(relative_step) && relative_step > 0, fn, "relative_step must be positive");

  const Vector h = relative_step * (upper - lower);
  Matrix design(3 * P + 1, P);
  design.row(0) = center.transpose();
  for (Eigen::Index p = 0; p < P; ++p) {
    design.row(1 + 2 * p) = center.transpose();
    design.row(2 + 2 * p) = center.transpose();
    design(1 + 2 * p, p) -= h(p);
    design(2 + 2 * p, p) += h(p);
  }
  for (Eigen::Index r = 0; r < P; ++r) {
    for (Eigen::Index c = 0; c < P; ++c) {
      design(1 + 2 * P + r, c) =
          center(c) + 0.5 * h(c) * hadamard_sign(static_cast<unsigned>(r + 1), static_cast<unsigned>(c + 1));
    }
  }
  // Clipping (not reflecting) keeps every point within relative_step of the
  // centre, the neighbourhood the Jacobian is meant to describe.
  for (Eigen::Index c = 0; c < P; ++c) {
    design.col(c) = design.col(c).cwiseMax(lower(c)).cwiseMin(upper(c));
  }
  return design;
}

}  // namespace relocsim::calibrate
