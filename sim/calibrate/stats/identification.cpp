// The identification report at a pilot point (statistics.hpp: identify).
#include "checks.hpp"

#include <Eigen/Eigenvalues>
#include <Eigen/SVD>

#include <cmath>
#include <limits>

namespace relocsim::calibrate {

namespace {

// W^(1/2) by the symmetric eigendecomposition: the square root whose
// columns stay in the moments' own basis, so S's rows remain readable as
// (combinations of) moments. Rounding can leave a PSD W with eigenvalues a
// hair below zero; those are zero, a clearly negative one is an error.
Matrix symmetric_sqrt(const Matrix& W) {
  const Eigen::SelfAdjointEigenSolver<Matrix> eig(0.5 * (W + W.transpose()));
  detail::require(eig.info() == Eigen::Success, "identify", "the eigendecomposition of W did not converge");
  const Vector& values = eig.eigenvalues();
  const double largest = values.size() > 0 ? values.cwiseAbs().maxCoeff() : 0.0;
  detail::require(values.size() == 0 || values.minCoeff() >= -1e-8 * largest, "identify",
                  "W is not positive semi-definite");
  const Matrix& V = eig.eigenvectors();
  return V * values.cwiseMax(0.0).cwiseSqrt().asDiagonal() * V.transpose();
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += separator;
    out += parts[i];
  }
  return out;
}

}  // namespace

Identification identify(const Matrix& G, const Matrix& G_se, const Matrix& W, const Vector& lower,
                        const Vector& upper, double tolerance, double moves_threshold,
                        const std::vector<std::string>& names, double min_singular_value) {
  constexpr std::string_view fn = "identify";
  const Eigen::Index M = G.rows();
  const Eigen::Index P = G.cols();
  detail::require_square(W, M, fn, "W");
  detail::require(lower.size() == P && upper.size() == P, fn, "lower and upper must have one entry per column of G");
  const bool have_se = G_se.size() > 0;
  detail::require(!have_se || (G_se.rows() == M && G_se.cols() == P), fn, "G_se must be empty or the shape of G");
  detail::require(names.empty() || static_cast<Eigen::Index>(names.size()) == P, fn,
                  "names must be empty or one per parameter");
  detail::require(tolerance > 0 && tolerance < 1, fn, "tolerance must be in (0, 1)");
  detail::require_finite(G, fn, "G (a moment NaN at some design point? drop it first)");
  detail::require_finite(W, fn, "W");
  detail::require_finite(lower, fn, "lower");
  detail::require_finite(upper, fn, "upper");
  auto name = [&](Eigen::Index p) { return names.empty() ? fmt::format("parameter {}", p) : names[p]; };

  Identification out;
  const Vector range = upper - lower;
  out.scaled_jacobian = symmetric_sqrt(W) * G * range.asDiagonal();
  const Matrix& S = out.scaled_jacobian;

  // Full V: when M < P the directions beyond M have singular value zero and
  // are exactly the ones the report must show.
  const Eigen::JacobiSVD<Matrix> svd(S, Eigen::ComputeFullV);
  out.singular_values = Vector::Zero(P);
  out.singular_values.head(svd.singularValues().size()) = svd.singularValues();
  const Matrix& V = svd.matrixV();
  const double largest = P > 0 ? out.singular_values(0) : 0.0;
  const double cutoff = tolerance * largest;
  out.rank = 0;
  for (Eigen::Index i = 0; i < P; ++i) {
    if (largest > 0 && out.singular_values(i) > cutoff) ++out.rank;
  }
  out.condition_number = (P > 0 && out.rank == P) ? largest / out.singular_values(P - 1)
                                                   : std::numeric_limits<double>::infinity();

  out.moments_moved.resize(static_cast<std::size_t>(P));
  Vector column_norm(P);
  for (Eigen::Index p = 0; p < P; ++p) {
    column_norm(p) = S.col(p).norm();
    for (Eigen::Index m = 0; m < M; ++m) {
      if (std::abs(S(m, p)) >= moves_threshold) out.moments_moved[static_cast<std::size_t>(p)].push_back(static_cast<int>(m));
    }
  }
  const double largest_column = P > 0 ? column_norm.maxCoeff() : 0.0;

  for (Eigen::Index p = 0; p < P; ++p) {
    std::vector<std::string> why;
    if (!(column_norm(p) > tolerance * largest_column)) {
      why.push_back(largest_column > 0
                        ? fmt::format("no target moves when it moves across its bounds (its column of the scaled "
                                      "Jacobian is {:.2g} of the largest)",
                                      column_norm(p) / largest_column)
                        : std::string("no target moves when it moves across its bounds (the Jacobian is zero)"));
    }
    if (have_se && M > 0) {
      bool all_noise = true;
      for (Eigen::Index m = 0; m < M; ++m) {
        // A NaN standard error proves nothing either way: not noise.
        if (!(std::abs(G(m, p)) < 2.0 * G_se(m, p))) all_noise = false;
      }
      if (all_noise) {
        why.push_back("its effect on every moment is not distinguishable from simulation noise (|G| < 2 se for each)");
      }
    }
    // The weakest direction it loads on, with the parameters it moves with.
    for (Eigen::Index i = P - 1; i >= 0; --i) {
      const bool weak = out.singular_values(i) < min_singular_value;
      if (out.singular_values(i) > cutoff && largest > 0 && !weak) break;
      if (std::abs(V(p, i)) <= 0.5) continue;
      std::vector<std::string> partners;
      for (Eigen::Index q = 0; q < P; ++q) {
        if (q != p && std::abs(V(q, i)) > 0.3) partners.push_back(name(q));
      }
      const std::string with = partners.empty() ? std::string() : ", together with " + join(partners, ", ");
      if (out.singular_values(i) > cutoff && largest > 0) {
        // Seen, but too faintly: across the whole box, less than the targets' own uncertainty.
        why.push_back(fmt::format("it loads {:.2f} on a direction that moves the targets by {:.2g} standard errors "
                                  "across the whole box, less than {:.2g}{}",
                                  V(p, i), out.singular_values(i), min_singular_value, with));
      } else {
        why.push_back(fmt::format("it loads {:.2f} on a direction the targets do not see (singular value {:.2g} of the "
                                  "largest){}",
                                  V(p, i), largest > 0 ? out.singular_values(i) / largest : 0.0, with));
      }
      break;
    }
    if (!why.empty()) {
      out.unidentified.push_back(static_cast<int>(p));
      out.reasons.push_back(name(p) + ": " + join(why, "; "));
    }
  }

  // (S'S)^-1 from the SVD, its eigenvalues floored at (tolerance * largest)^2
  // as inverse_psd would floor them (see the header for why not a
  // pseudo-inverse).
  if (largest > 0) {
    const double floor = cutoff * cutoff;
    const Vector inverse_values = out.singular_values.array().square().max(floor).inverse().matrix();
    const Matrix C = V * inverse_values.asDiagonal() * V.transpose();
    for (Eigen::Index a = 0; a < P; ++a) {
      for (Eigen::Index b = a + 1; b < P; ++b) {
        const double correlation = C(a, b) / std::sqrt(C(a, a) * C(b, b));
        if (std::abs(correlation) > 0.9) {
          out.trade_offs.push_back({static_cast<int>(a), static_cast<int>(b), correlation});
        }
      }
    }
  }
  return out;
}

}  // namespace relocsim::calibrate
