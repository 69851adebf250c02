#pragma once
// Argument checks shared by the statistics: each throws std::invalid_argument
// naming the function and the argument, so a caller sees which input was bad
// rather than a NaN several steps later.
#include "relocsim/calibrate/statistics.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>
#include <string_view>

namespace relocsim::calibrate::detail {

template <class Derived>
void require_finite(const Eigen::MatrixBase<Derived>& a, std::string_view function, std::string_view argument) {
  if (!a.allFinite()) {
    throw std::invalid_argument(fmt::format("{}: {} has a non-finite entry", function, argument));
  }
}

inline void require(bool condition, std::string_view function, std::string_view what) {
  if (!condition) throw std::invalid_argument(fmt::format("{}: {}", function, what));
}

template <class Derived>
void require_square(const Eigen::MatrixBase<Derived>& a, Eigen::Index n, std::string_view function,
                    std::string_view argument) {
  if (a.rows() != n || a.cols() != n) {
    throw std::invalid_argument(
        fmt::format("{}: {} is {} x {}, expected {} x {}", function, argument, a.rows(), a.cols(), n, n));
  }
}

// The inverse of a symmetric matrix scaled to unit diagonal first, so that
// parameters in very different units do not look singular; false when the
// scaled matrix's smallest eigenvalue is below `relative_tolerance` times its
// largest (or a diagonal entry is not positive).
bool inverse_spd_scaled(const Matrix& a, double relative_tolerance, Matrix& inverse);

}  // namespace relocsim::calibrate::detail
