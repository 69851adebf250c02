// global_screen over a uniform design.
#include "helpers.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>

using namespace relocsim::calibrate;

TEST_CASE("global_screen: standardised coefficients of a linear model, R^2 one, and zeros for a constant moment") {
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const int n = 200, P = 3;
  const Vector lower = (Vector(P) << 0.0, -10.0, 100.0).finished();
  const Vector upper = (Vector(P) << 1.0, 10.0, 101.0).finished();
  Matrix thetas(n, P);
  for (int i = 0; i < n; ++i)
    for (int p = 0; p < P; ++p) thetas(i, p) = lower(p) + (upper(p) - lower(p)) * u(rng);
  const Vector beta = (Vector(P) << 2.0, -0.1, 0.0).finished();
  Matrix moments(n, 3);
  moments.col(0) = (thetas * beta).array() + 5.0;
  moments.col(1).setConstant(3.25);
  std::normal_distribution<double> noise(0.0, 0.5);
  for (int i = 0; i < n; ++i) moments(i, 2) = 2.0 * thetas(i, 0) + noise(rng);

  const Screen s = global_screen(thetas, moments);
  // The expected coefficients from the sample's own standard deviations.
  auto sd = [&](const Vector& x) { return std::sqrt((x.array() - x.mean()).square().sum() / (n - 1)); };
  const double sd_y = sd(moments.col(0));
  for (int p = 0; p < P; ++p) CHECK(s.src(0, p) == Approx(beta(p) * sd(thetas.col(p)) / sd_y).margin(1e-10));
  CHECK(s.r_squared(0) == Approx(1.0).epsilon(1e-10));
  // Roughly: both the slope parameters matter, the third does not.
  CHECK(std::abs(s.src(0, 0)) > 0.5);
  CHECK(std::abs(s.src(0, 1)) > 0.5);
  CHECK(s.src.row(1).isZero(0.0));
  CHECK(std::isnan(s.r_squared(1)));
  // Noise: R^2 well below one but the signal still found.
  CHECK(s.r_squared(2) < 0.6);
  CHECK(s.r_squared(2) > 0.1);
  CHECK(s.src(2, 0) > 0.3);
  CHECK(std::abs(s.src(2, 1)) < 0.25);
}

TEST_CASE("global_screen: a NaN moment, too few points") {
  Matrix thetas(6, 1);
  thetas << 0, 1, 2, 3, 4, 5;
  Matrix moments(6, 2);
  moments.col(0) = thetas.col(0);
  moments.col(1) = 2 * thetas.col(0);
  moments(3, 0) = std::nan("");
  const Screen s = global_screen(thetas, moments);
  CHECK(std::isnan(s.src(0, 0)));
  CHECK(std::isnan(s.r_squared(0)));
  CHECK(s.src(1, 0) == Approx(1.0));
  CHECK_THROWS_AS(global_screen(thetas.topRows(2), moments.topRows(2)), std::invalid_argument);
}
