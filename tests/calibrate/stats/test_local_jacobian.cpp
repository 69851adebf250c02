// local_design and local_regression_jacobian.
#include "helpers.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>

using namespace relocsim::calibrate;
using relocsim::calibrate::test::normal_vector;
using relocsim::calibrate::test::within_binomial_band;

TEST_CASE("local_design: 3P+1 points in the bounds, centre first, each axis moved both ways") {
  const Vector lower = (Vector(3) << 0.0, -5.0, 10.0).finished();
  const Vector upper = (Vector(3) << 1.0, 5.0, 20.0).finished();
  const Vector center = (Vector(3) << 0.4, 1.0, 15.0).finished();
  const double step = 0.1;
  const Matrix d = local_design(center, lower, upper, step);
  REQUIRE(d.rows() == 10);
  REQUIRE(d.cols() == 3);
  CHECK(d.row(0).transpose() == center);
  for (Eigen::Index r = 0; r < d.rows(); ++r) {
    CHECK((d.row(r).transpose().array() >= lower.array()).all());
    CHECK((d.row(r).transpose().array() <= upper.array()).all());
  }
  for (Eigen::Index p = 0; p < 3; ++p) {
    const double h = step * (upper(p) - lower(p));
    bool below = false, above = false;
    for (Eigen::Index r = 1; r < d.rows(); ++r) {
      const Vector off = d.row(r).transpose() - center;
      // An axial point: only p moved, by exactly h.
      if (std::abs(off(p)) > 0 && (off.array().abs() > 0).count() == 1) {
        CHECK(std::abs(off(p)) == Approx(h));
        (off(p) < 0 ? below : above) = true;
      }
    }
    CHECK(below);
    CHECK(above);
  }
  // The last P points move every coordinate by half a step, and no two
  // parameters move together (same signs) in all of them.
  const Matrix diag = d.bottomRows(3).rowwise() - center.transpose();
  for (Eigen::Index p = 0; p < 3; ++p) {
    const double h = step * (upper(p) - lower(p));
    CHECK((diag.col(p).array().abs() - 0.5 * h).abs().maxCoeff() < 1e-12);
  }
  for (Eigen::Index a = 0; a < 3; ++a)
    for (Eigen::Index b = a + 1; b < 3; ++b)
      CHECK(((diag.col(a).array() > 0) != (diag.col(b).array() > 0)).any());
  // Deterministic: no random numbers.
  CHECK(local_design(center, lower, upper, step) == d);
}

TEST_CASE("local_design: a centre on a bound gets one-sided points") {
  const Vector lower = Vector::Zero(2);
  const Vector upper = Vector::Ones(2);
  const Vector center = (Vector(2) << 0.0, 1.0).finished();
  const Matrix d = local_design(center, lower, upper, 0.05);
  CHECK((d.col(0).array() >= 0.0).all());
  CHECK((d.col(0).array() > 0.0).any());
  CHECK((d.col(1).array() <= 1.0).all());
  CHECK((d.col(1).array() < 1.0).any());
  // Still enough distinct directions to fit a plane.
  const LocalJacobian fit = local_regression_jacobian(d, (d * Vector::Ones(2)), center);
  CHECK(fit.G(0, 0) == Approx(1.0));
  CHECK(fit.G(0, 1) == Approx(1.0));
}

TEST_CASE("local_design: bad arguments are refused") {
  const Vector z = Vector::Zero(2), o = Vector::Ones(2);
  CHECK_THROWS_AS(local_design(z, o, z, 0.1), std::invalid_argument);  // lower above upper
  CHECK_THROWS_AS(local_design(2 * o, z, o, 0.1), std::invalid_argument);  // centre outside
  CHECK_THROWS_AS(local_design(z, z, o, 0.0), std::invalid_argument);
  CHECK_THROWS_AS(local_design(z, Vector::Zero(3), o, 0.1), std::invalid_argument);
}

TEST_CASE("local_regression_jacobian: recovers a linear G exactly from noiseless moments") {
  Matrix G(4, 3);
  G << 1.0, -2.0, 0.5, 0.0, 3.0, 1.0, 100.0, 0.0, -0.25, 1e-3, 2e-3, 0.0;
  const Vector a = (Vector(4) << 1.0, 2.0, -3.0, 0.5).finished();
  const Vector lower = (Vector(3) << 0.0, 0.0, 100.0).finished();
  const Vector upper = (Vector(3) << 1.0, 0.01, 1000.0).finished();
  const Vector center = (Vector(3) << 0.3, 0.005, 400.0).finished();
  const Matrix thetas = local_design(center, lower, upper, 0.1);
  Matrix moments(thetas.rows(), 4);
  for (Eigen::Index r = 0; r < thetas.rows(); ++r)
    moments.row(r) = (a + G * (thetas.row(r).transpose() - center)).transpose();
  const LocalJacobian fit = local_regression_jacobian(thetas, moments, center);
  for (Eigen::Index m = 0; m < 4; ++m) {
    CHECK(fit.intercept(m) == Approx(a(m)).margin(1e-10));
    for (Eigen::Index p = 0; p < 3; ++p) {
      CHECK(fit.G(m, p) == Approx(G(m, p)).epsilon(1e-8).margin(1e-10));
      CHECK(fit.G_se(m, p) < 1e-6 * (1 + std::abs(G(m, p))));
    }
  }
}

TEST_CASE("local_regression_jacobian: the standard errors cover the true slopes about 95% of the time (1000 fits)") {
  std::mt19937_64 rng(20240611);
  Matrix G(2, 2);
  G << 1.5, -0.7, 0.2, 2.0;
  const Vector center = (Vector(2) << 0.5, 0.5).finished();
  const Matrix thetas = local_design(center, Vector::Zero(2), Vector::Ones(2), 0.2);
  const int df = static_cast<int>(thetas.rows()) - 3;
  const double t = t_quantile(0.975, df);
  const double noise = 0.05;
  const int replications = 1000;
  Eigen::Matrix2i covered = Eigen::Matrix2i::Zero();
  for (int rep = 0; rep < replications; ++rep) {
    Matrix moments(thetas.rows(), 2);
    for (Eigen::Index r = 0; r < thetas.rows(); ++r)
      moments.row(r) = (G * (thetas.row(r).transpose() - center) + noise * normal_vector(rng, 2)).transpose();
    const LocalJacobian fit = local_regression_jacobian(thetas, moments, center);
    for (int m = 0; m < 2; ++m)
      for (int p = 0; p < 2; ++p)
        if (std::abs(fit.G(m, p) - G(m, p)) <= t * fit.G_se(m, p)) ++covered(m, p);
  }
  for (int m = 0; m < 2; ++m)
    for (int p = 0; p < 2; ++p) {
      INFO("moment " << m << ", parameter " << p << ": covered " << covered(m, p) << " of " << replications);
      CHECK(within_binomial_band(covered(m, p), replications, 0.95));
    }
}

TEST_CASE("local_regression_jacobian: a step function's slope by regression, not by a small finite difference") {
  // m = delta * floor((2 theta_0 - theta_1) / delta): slope (2, -1) on
  // average, zero almost everywhere.
  const double delta = 0.01;
  auto m = [&](const Vector& th) { return delta * std::floor((2 * th(0) - th(1)) / delta); };
  const Vector center = (Vector(2) << 0.51234, 0.30071).finished();
  const Vector lower = Vector::Zero(2), upper = Vector::Ones(2);
  for (const double step : {0.05, 0.1}) {
    const Matrix thetas = local_design(center, lower, upper, step);
    Matrix moments(thetas.rows(), 1);
    for (Eigen::Index r = 0; r < thetas.rows(); ++r) moments(r, 0) = m(thetas.row(r).transpose());
    const LocalJacobian fit = local_regression_jacobian(thetas, moments, center);
    INFO("relative step " << step << ": G = " << fit.G);
    CHECK(fit.G(0, 0) == Approx(2.0).margin(0.25));
    CHECK(fit.G(0, 1) == Approx(-1.0).margin(0.25));
  }
  const double h = 1e-4;
  const Vector e0 = (Vector(2) << 1.0, 0.0).finished();
  const double finite_difference = (m(center + h * e0) - m(center - h * e0)) / (2 * h);
  CHECK(std::abs(finite_difference - 2.0) > 1.0);
}

TEST_CASE("local_regression_jacobian: a NaN moment spoils only its own row") {
  const Vector center = (Vector(2) << 0.5, 0.5).finished();
  const Matrix thetas = local_design(center, Vector::Zero(2), Vector::Ones(2), 0.1);
  Matrix moments(thetas.rows(), 2);
  for (Eigen::Index r = 0; r < thetas.rows(); ++r) {
    moments(r, 0) = 3 * thetas(r, 0) - thetas(r, 1);
    moments(r, 1) = thetas(r, 1);
  }
  moments(4, 0) = std::numeric_limits<double>::quiet_NaN();
  const LocalJacobian fit = local_regression_jacobian(thetas, moments, center);
  CHECK(fit.G.row(0).array().isNaN().all());
  CHECK(fit.G_se.row(0).array().isNaN().all());
  CHECK(std::isnan(fit.intercept(0)));
  CHECK(fit.G(1, 0) == Approx(0.0).margin(1e-12));
  CHECK(fit.G(1, 1) == Approx(1.0));
  CHECK(fit.intercept(1) == Approx(0.5));
}

TEST_CASE("local_regression_jacobian: too few points, a fixed parameter, bad shapes") {
  const Vector center = Vector::Zero(3);
  Matrix three_points(3, 3);
  three_points << 1, 0, 0, 0, 1, 0, 0, 0, 1;
  try {
    local_regression_jacobian(three_points, Matrix::Zero(3, 1), center);
    FAIL("expected std::invalid_argument");
  } catch (const std::invalid_argument& e) {
    CHECK_THAT(e.what(), Catch::Contains("at least 4"));
  }
  // P + 1 points fit exactly, with no residual degrees of freedom.
  Matrix four(4, 3);
  four << 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1;
  const LocalJacobian exact = local_regression_jacobian(four, four * Vector::Ones(3), center);
  CHECK(exact.G.row(0).isApprox(Matrix::Ones(1, 3)));
  CHECK(exact.G_se.array().isNaN().all());

  // lower == upper for parameter 1: the design never moves it.
  const Vector lower = (Vector(3) << 0.0, 2.0, 0.0).finished();
  const Vector upper = (Vector(3) << 1.0, 2.0, 1.0).finished();
  const Vector c = (Vector(3) << 0.5, 2.0, 0.5).finished();
  const Matrix thetas = local_design(c, lower, upper, 0.1);
  Matrix moments(thetas.rows(), 1);
  for (Eigen::Index r = 0; r < thetas.rows(); ++r) moments(r, 0) = thetas(r, 0) - 2 * thetas(r, 2);
  const LocalJacobian fit = local_regression_jacobian(thetas, moments, c);
  CHECK(fit.G(0, 0) == Approx(1.0));
  CHECK(std::isnan(fit.G(0, 1)));
  CHECK(fit.G(0, 2) == Approx(-2.0));

  CHECK_THROWS_AS(local_regression_jacobian(thetas, Matrix::Zero(2, 1), c), std::invalid_argument);
  CHECK_THROWS_AS(local_regression_jacobian(thetas, moments, Vector::Zero(2)), std::invalid_argument);
}
