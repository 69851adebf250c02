// j_test, wald_test and the distribution functions.
#include "helpers.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>

using namespace relocsim::calibrate;
using relocsim::calibrate::test::normal_vector;
using relocsim::calibrate::test::spd;
using relocsim::calibrate::test::within_binomial_band;

TEST_CASE("j_test: rejects a true linear-Gaussian model about 5% of the time at the 5% level") {
  std::mt19937_64 rng(99);
  const int M = 5, P = 2, draws = 2000;
  Matrix G(M, P);
  G << 1.0, 0.0, 0.5, 1.0, -1.0, 2.0, 0.3, 0.3, 2.0, -0.5;
  const Matrix omega = spd(rng, M);
  const Matrix L = Eigen::LLT<Matrix>(omega).matrixL();
  const Matrix W = inverse_psd(omega);
  const Matrix estimator = (G.transpose() * W * G).ldlt().solve(G.transpose() * W);
  const Vector theta0 = (Vector(P) << 1.0, 2.0).finished();
  int rejections = 0;
  double mean_statistic = 0;
  for (int i = 0; i < draws; ++i) {
    const Vector target = G * theta0 + L * normal_vector(rng, M);
    const Vector theta_hat = estimator * target;
    const JTest j = j_test(G * theta_hat - target, omega, P);
    REQUIRE(j.df == M - P);
    if (j.p_value < 0.05) ++rejections;
    mean_statistic += j.statistic / draws;
  }
  INFO(rejections << " rejections of " << draws);
  CHECK(within_binomial_band(rejections, draws, 0.05));
  // E[J] = df; sd of the mean of chi2(3) over 2000 draws is about 0.055.
  CHECK(mean_statistic == Approx(M - P).margin(0.25));
}

TEST_CASE("j_test: exactly identified gives no test") {
  const JTest j = j_test(Vector::Ones(2), Matrix::Identity(2, 2), 2);
  CHECK(j.df == 0);
  CHECK(std::isnan(j.p_value));
  CHECK(j.statistic == Approx(2.0));
  CHECK_THROWS_AS(j_test(Vector::Ones(3), Matrix::Identity(2, 2), 1), std::invalid_argument);
}

TEST_CASE("wald_test: closed forms with two degrees of freedom") {
  // chi-square(2) upper tail is exp(-x / 2).
  Matrix V = Vector((Vector(2) << 4.0, 9.0).finished()).asDiagonal();
  const WaldTest w = wald_test((Vector(2) << 3.0, 4.0).finished(), (Vector(2) << 1.0, 1.0).finished(), V);
  CHECK(w.df == 2);
  CHECK(w.statistic == Approx(2.0));
  CHECK(w.p_value == Approx(std::exp(-1.0)));
  Matrix C(2, 2);
  C << 2.0, 1.0, 1.0, 2.0;  // C^-1 (1, 1) = (1/3, 1/3)
  const WaldTest c = wald_test(Vector::Ones(2), Vector::Zero(2), C);
  CHECK(c.statistic == Approx(2.0 / 3.0));
  CHECK(c.p_value == Approx(std::exp(-1.0 / 3.0)));
  // A singular covariance: no statistic.
  Matrix S = Matrix::Ones(2, 2);
  CHECK(std::isnan(wald_test(Vector::Ones(2), Vector::Zero(2), S).statistic));
}

TEST_CASE("distributions: quantile and upper tail invert each other, and known values") {
  for (const int df : {1, 2, 3, 7, 30, 200})
    for (const double p : {0.01, 0.05, 0.5, 0.9, 0.95, 0.999}) {
      const double x = chi_square_quantile(p, df);
      CHECK(chi_square_upper_tail(x, df) == Approx(1 - p).epsilon(1e-9));
    }
  CHECK(chi_square_quantile(0.95, 1) == Approx(3.841458820694124).epsilon(1e-10));
  CHECK(chi_square_upper_tail(5.0, 2) == Approx(std::exp(-2.5)));
  CHECK(t_quantile(0.975, 1000000) == Approx(1.959964).epsilon(1e-5));
  CHECK(t_quantile(0.975, 10) == Approx(2.228139).epsilon(1e-6));
  CHECK(normal_quantile(0.975) == Approx(1.959964).epsilon(1e-6));
  CHECK(std::isnan(chi_square_upper_tail(1.0, 0)));
  CHECK(std::isnan(chi_square_quantile(1.5, 3)));
  CHECK(std::isnan(t_quantile(std::nan(""), 3)));
  CHECK(chi_square_upper_tail(-1.0, 3) == 1.0);
  CHECK(std::isinf(chi_square_quantile(1.0, 3)));
}
