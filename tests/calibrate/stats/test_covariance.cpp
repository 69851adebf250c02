// sample_covariance, moment_covariance, inverse_psd, sandwich_covariance.
#include "helpers.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>

using namespace relocsim::calibrate;
using relocsim::calibrate::test::normal_vector;
using relocsim::calibrate::test::spd;

TEST_CASE("sample_covariance: divisor n - 1") {
  Matrix x(3, 2);
  x << 1, 2, 3, 6, 5, 7;  // deviations (-2,-3), (0,1), (2,2)
  const Matrix c = sample_covariance(x);
  CHECK(c(0, 0) == Approx(4.0));
  CHECK(c(0, 1) == Approx(5.0));
  CHECK(c(1, 0) == Approx(5.0));
  CHECK(c(1, 1) == Approx(7.0));
  CHECK_THROWS_AS(sample_covariance(Matrix::Zero(1, 2)), std::invalid_argument);
}

TEST_CASE("moment_covariance: the data's variance plus the simulation's over R") {
  const Vector se = (Vector(2) << 0.1, 0.2).finished();
  Matrix sim(2, 2);
  sim << 1.0, 0.5, 0.5, 2.0;
  const Matrix omega = moment_covariance(se, sim, 10);
  CHECK(omega(0, 0) == Approx(0.01 + 0.1));
  CHECK(omega(1, 1) == Approx(0.04 + 0.2));
  CHECK(omega(0, 1) == Approx(0.05));
  CHECK_THROWS_AS(moment_covariance(se, sim, 0), std::invalid_argument);
  CHECK_THROWS_AS(moment_covariance(Vector::Ones(3), sim, 1), std::invalid_argument);
}

TEST_CASE("inverse_psd: a well-conditioned SPD matrix is inverted, nothing floored") {
  std::mt19937_64 rng(7);
  const Matrix a = spd(rng, 5);
  int floored = -1;
  const Matrix inv = inverse_psd(a, 1e-10, &floored);
  CHECK(floored == 0);
  CHECK((a * inv - Matrix::Identity(5, 5)).cwiseAbs().maxCoeff() < 1e-10);
}

TEST_CASE("inverse_psd: a singular matrix is floored, and says how many eigenvalues were") {
  const Vector v = (Vector(3) << 1.0, 2.0, -1.0).finished();
  const Matrix a = v * v.transpose();  // rank 1
  int floored = -1;
  const Matrix inv = inverse_psd(a, 1e-8, &floored);
  CHECK(floored == 2);
  CHECK(inv.allFinite());
  CHECK((inv - inv.transpose()).cwiseAbs().maxCoeff() == 0.0);
  // A generalised inverse: a inv a = a, since the floored directions are
  // the ones a annihilates.
  CHECK((a * inv * a - a).cwiseAbs().maxCoeff() < 1e-6);
  // The floor: the largest eigenvalue of the inverse is 1 / (floor * 6).
  CHECK(inv.selfadjointView<Eigen::Lower>().eigenvalues().maxCoeff() == Approx(1.0 / (1e-8 * v.squaredNorm())).epsilon(1e-6));
  CHECK_THROWS_AS(inverse_psd(Matrix::Zero(2, 2)), std::invalid_argument);
  Matrix bad = Matrix::Identity(2, 2);
  bad(0, 1) = std::nan("");
  CHECK_THROWS_AS(inverse_psd(bad), std::invalid_argument);
}

TEST_CASE("sandwich_covariance: the efficient case is (G' Omega^-1 G)^-1") {
  std::mt19937_64 rng(11);
  Matrix G(5, 2);
  for (int j = 0; j < 2; ++j) G.col(j) = normal_vector(rng, 5);
  const Matrix omega = spd(rng, 5);
  const Matrix W = omega.inverse();
  const Estimates e = sandwich_covariance(G, W, omega);
  REQUIRE_FALSE(e.singular);
  const Matrix efficient = (G.transpose() * W * G).inverse();
  CHECK((e.covariance - efficient).cwiseAbs().maxCoeff() < 1e-9 * efficient.cwiseAbs().maxCoeff());
  for (int p = 0; p < 2; ++p) {
    CHECK(e.std_error(p) == Approx(std::sqrt(efficient(p, p))));
    CHECK(e.correlation(p, p) == Approx(1.0));
  }
  CHECK(e.correlation(0, 1) == Approx(efficient(0, 1) / std::sqrt(efficient(0, 0) * efficient(1, 1))));
}

TEST_CASE("sandwich_covariance: matches a Monte Carlo of a linear-Gaussian MSM estimator") {
  std::mt19937_64 rng(2024);
  const int M = 5, P = 2, draws = 2000;
  Matrix G(M, P);
  G << 1.0, 0.2, 0.5, -1.0, 2.0, 0.3, -0.4, 1.5, 0.8, 0.8;
  const Matrix omega = spd(rng, M);
  const Eigen::LLT<Matrix> chol(omega);
  const Matrix L = chol.matrixL();
  // Not the efficient weighting: the sandwich's "meat" matters.
  const Vector w = (Vector(M) << 1.0, 4.0, 0.25, 2.0, 1.0).finished();
  const Matrix W = w.asDiagonal();
  const Vector theta0 = (Vector(P) << 0.3, -1.2).finished();
  const Matrix estimator = (G.transpose() * W * G).ldlt().solve(G.transpose() * W);  // P x M

  Matrix estimates(draws, P);
  for (int i = 0; i < draws; ++i) {
    const Vector target = G * theta0 + L * normal_vector(rng, M);
    estimates.row(i) = (estimator * target).transpose();
  }
  const Matrix empirical = sample_covariance(estimates);
  const Estimates e = sandwich_covariance(G, W, omega);
  REQUIRE_FALSE(e.singular);
  // Sampling error of a sample covariance of Gaussians over n draws:
  // sd(c_ij) = sqrt((s_ii s_jj + s_ij^2) / (n - 1)); allow four of them.
  auto within = [&](const Matrix& V) {
    bool ok = true;
    for (int i = 0; i < P; ++i)
      for (int j = 0; j < P; ++j) {
        const double sd = std::sqrt((V(i, i) * V(j, j) + V(i, j) * V(i, j)) / (draws - 1));
        ok = ok && std::abs(empirical(i, j) - V(i, j)) <= 4 * sd;
      }
    return ok;
  };
  INFO("empirical\n" << empirical << "\nsandwich\n" << e.covariance);
  CHECK(within(e.covariance));
  // The test can tell: the efficient formula with this W is rejected.
  const Matrix naive = (G.transpose() * omega.inverse() * G).inverse();
  CHECK_FALSE(within(naive));
}

TEST_CASE("sandwich_covariance: rank-deficient G'WG is reported singular, covariance NaN") {
  Matrix G(3, 2);
  G << 1, 2, 2, 4, -1, -2;  // second column twice the first
  const Estimates e = sandwich_covariance(G, Matrix::Identity(3, 3), Matrix::Identity(3, 3));
  CHECK(e.singular);
  CHECK(e.covariance.array().isNaN().all());
  CHECK(e.std_error.array().isNaN().all());
  // Very different parameter units are not mistaken for singularity.
  Matrix H(3, 2);
  H << 1e6, 1e-6, 0, 2e-6, 1e6, 0;
  CHECK_FALSE(sandwich_covariance(H, Matrix::Identity(3, 3), Matrix::Identity(3, 3)).singular);
  Matrix nan_G = G;
  nan_G(0, 0) = std::nan("");
  CHECK_THROWS_AS(sandwich_covariance(nan_G, Matrix::Identity(3, 3), Matrix::Identity(3, 3)), std::invalid_argument);
}
