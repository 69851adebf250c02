#pragma once
// The statistics of the method of simulated moments (docs/CALIBRATE.md): the
// Jacobian of the moments by local regression, the moments' covariance, the
// sandwich covariance of the estimates, the J-test, the Wald test, and the
// identification report. Pure functions of matrices: no runs, no files.
//
// Notation: P parameters, M moments, theta a parameter vector, m(theta) the
// simulated moments (mean over R seeds), t the targets, W the weighting
// matrix, G = dm/dtheta (M x P).
//
// Bad input: mismatched sizes, a non-finite parameter vector or bound, or a
// non-finite matrix given to the algebra (inverse_psd, sandwich_covariance,
// j_test, wald_test, identify) throw std::invalid_argument saying which
// argument. Moments are different: a run can fail, so a NaN moment in
// local_regression_jacobian, sample_covariance or global_screen makes only the
// outputs of that moment NaN and leaves the others as they are.
#include <Eigen/Dense>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace relocsim::calibrate {

using Matrix = Eigen::MatrixXd;
using Vector = Eigen::VectorXd;

// A design around `center` for local regression: the centre, then for each
// parameter the two points center -/+ h_p along its axis, then P points
// with every coordinate moved by -/+ h_p/2 by a fixed pattern (rows 1..P,
// columns 1..P of a Sylvester-Hadamard +/- sign matrix, deterministic), 3P+1
// points in all, h_p = relative_step * (upper_p - lower_p). Points are clipped
// into the bounds (so a centre on a bound gets one-sided points). Rows:
// points, columns: parameters.
Matrix local_design(const Vector& center, const Vector& lower, const Vector& upper, double relative_step);

// Fits m = a + G (theta - center) by least squares over a design's points
// (rows of `thetas`, moments in the rows of `moments`). A step function's
// finite difference depends on where the steps fall; a regression over 3P+1
// points averages over them. G_se is each coefficient's standard error from
// the residuals (NaN where the design has no residual degrees of freedom).
// Needs at least P + 1 distinct points (std::invalid_argument otherwise; 3P+1
// for standard errors with 2P residual degrees of freedom). A parameter the
// design does not move (lower == upper) gets a NaN column: nothing is known
// about its slope. A NaN moment at any point makes that moment's row NaN.
struct LocalJacobian {
  Matrix G;     // M x P
  Matrix G_se;  // M x P
  Vector intercept;  // M: the fitted moments at the centre
};
LocalJacobian local_regression_jacobian(const Matrix& thetas, const Matrix& moments, const Vector& center);

// The sample covariance (divisor n - 1) of the rows of `by_seed` (R x M).
Matrix sample_covariance(const Matrix& by_seed);

// The moments' covariance: Omega = Omega_data + Omega_sim / R.
Matrix moment_covariance(const Vector& target_se, const Matrix& sim_covariance, int replications);

// A symmetric positive semi-definite matrix's inverse through its
// eigendecomposition, eigenvalues below `relative_floor` times the largest
// set to that floor (so a near-singular Omega gives a usable weighting and
// the report can say it was floored). floored: how many were.
Matrix inverse_psd(const Matrix& a, double relative_floor = 1e-10, int* floored = nullptr);

// Var(theta_hat) = (G'WG)^-1 G'W Omega W G (G'WG)^-1, with Omega the
// moments' covariance. singular: G'WG could not be inverted (rank < P,
// judged after scaling it to unit diagonal, so that parameters in different
// units do not look singular: smallest eigenvalue below 1e-12 of the
// largest); the covariance then holds NaN.
struct Estimates {
  Matrix covariance;  // P x P
  Vector std_error;   // P
  Matrix correlation; // P x P
  bool singular = false;
};
Estimates sandwich_covariance(const Matrix& G, const Matrix& W, const Matrix& omega);

// Hansen's J: e' Omega^-1 e with e = m(theta_hat) - t, chi-square with M - P
// degrees of freedom under the model, valid when the estimate used
// W = Omega^-1. df <= 0: no test (p_value NaN). Omega^-1 is inverse_psd's,
// with its default floor, the same inverse the weighting is built with.
struct JTest {
  double statistic = 0;
  int df = 0;
  double p_value = 0;
};
JTest j_test(const Vector& residual, const Matrix& omega, int parameters);

// The Wald statistic (theta_hat - theta0)' V^-1 (theta_hat - theta0) and its
// chi-square p-value with P degrees of freedom. A covariance that is not
// positive definite (same test as sandwich_covariance's) gives NaN.
struct WaldTest {
  double statistic = 0;
  int df = 0;
  double p_value = 0;
};
WaldTest wald_test(const Vector& estimate, const Vector& null_value, const Matrix& covariance);

// chi-square upper tail probability and quantile (Boost.Math).
double chi_square_upper_tail(double x, int df);
double chi_square_quantile(double p, int df);
// Student t quantile (for intervals over seeds).
double t_quantile(double p, int df);
// Standard normal quantile (Boost.Math), for truncated_normal_draws.
// All four return NaN outside their domain (df <= 0, p outside [0, 1], NaN).
double normal_quantile(double p);

// Before estimating: can the targets identify the parameters near a pilot
// point? S = W^(1/2) G D with D = diag(upper - lower) is the moments'
// response, in units of their uncertainty, to moving each parameter across
// its bounds. `names` (optional, P of them) name the parameters in `reasons`;
// without them a parameter is "parameter <index>". G_se may be empty (0 x 0).
struct Identification {
  Matrix scaled_jacobian;  // M x P: S
  Vector singular_values;  // of S, descending; P of them (zeros beyond M when M < P)
  int rank = 0;            // singular values above tolerance * largest
  double condition_number = 0;  // largest / smallest singular value (inf when rank < P)
  // Per parameter: the moments it moves (|S_mp| >= moves_threshold), by index.
  std::vector<std::vector<int>> moments_moved;
  // Parameters no target identifies: the column of S is negligible next to
  // the largest (below tolerance), or no entry of G is distinguishable from
  // simulation noise (|G_mp| < 2 G_se_mp for every m, when G_se is given), or
  // the parameter loads (|v| > 0.5) on a right singular vector whose singular
  // value is below tolerance * largest, or below min_singular_value: S is in
  // units of the targets' standard errors per whole range, so a singular
  // value below 1 is a direction along which crossing the entire box moves
  // the targets by less than their own uncertainty.
  std::vector<int> unidentified;
  std::vector<std::string> reasons;  // [unidentified], in words
  // Pairs that trade off: |correlation| of (S'S)^-1 above 0.9, with that
  // correlation. When S'S is singular its eigenvalues are floored at
  // tolerance^2 times the largest (inverse_psd) rather than dropped as a
  // pseudo-inverse would: the direction the targets do not see then
  // dominates, and a collinear pair gets the correlation (sign included) of
  // the nearly collinear case, not that of the one direction that is seen.
  struct Pair {
    int a = 0, b = 0;
    double correlation = 0;
  };
  std::vector<Pair> trade_offs;
};
Identification identify(const Matrix& G, const Matrix& G_se, const Matrix& W, const Vector& lower,
                        const Vector& upper, double tolerance = 1e-3, double moves_threshold = 0.5,
                        const std::vector<std::string>& names = {}, double min_singular_value = 0.0);

// A global screen over the bounds: the standardised regression coefficients
// of each moment on the parameters over a space-filling design (rows of
// thetas, moments in rows of `moments`), and each regression's R^2. Moments
// constant over the design get zeros and R^2 NaN; a parameter the design
// holds fixed gets NaN coefficients. Needs at least P + 2 points (one residual
// degree of freedom for R^2).
struct Screen {
  Matrix src;  // M x P
  Vector r_squared;  // M
};
Screen global_screen(const Matrix& thetas, const Matrix& moments);

// Draws from N(mean, covariance) restricted to the bounds (by rejection, at
// most 1000 tries per draw, then clipping), from uniform numbers the caller
// supplies so that the draws are reproducible: `uniform` returns U(0,1).
// Rows: draws. Each try takes P uniforms, mapped by the normal quantile and
// the Cholesky factor of the covariance (a symmetric square root when it is
// only semi-definite), so equal uniforms give equal draws.
template <class Uniform>
Matrix truncated_normal_draws(const Vector& mean, const Matrix& covariance, const Vector& lower,
                              const Vector& upper, int n, Uniform&& uniform);

}  // namespace relocsim::calibrate

#include "relocsim/calibrate/statistics_draws.ipp"
