// identify: rank, condition, the parameters flagged and the pairs that trade off.
#include "helpers.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>

using namespace relocsim::calibrate;

namespace {
bool flagged(const Identification& id, int p) {
  return std::find(id.unidentified.begin(), id.unidentified.end(), p) != id.unidentified.end();
}
std::string reason(const Identification& id, int p) {
  for (std::size_t i = 0; i < id.unidentified.size(); ++i)
    if (id.unidentified[i] == p) return id.reasons[i];
  return {};
}
const Matrix none(0, 0);
}  // namespace

TEST_CASE("identify: a well-conditioned G flags nothing and has rank P") {
  // Orthogonal columns: the singular values of S are the column norms.
  Matrix G(4, 3);
  G << 1, 1, 0, 1, -1, 0, 0, 0, 2, 0, 0, 1;
  const Vector lower = Vector::Zero(3), upper = Vector::Ones(3);
  const Identification id = identify(G, none, Matrix::Identity(4, 4), lower, upper);
  CHECK(id.rank == 3);
  CHECK(id.unidentified.empty());
  CHECK(id.trade_offs.empty());
  CHECK(id.singular_values(0) == Approx(std::sqrt(5.0)));
  CHECK(id.condition_number == Approx(std::sqrt(5.0) / std::sqrt(2.0)));
  // Moments moved: |S| >= 0.5.
  CHECK(id.moments_moved[0] == std::vector<int>{0, 1});
  CHECK(id.moments_moved[2] == std::vector<int>{2, 3});
}

TEST_CASE("identify: S scales G by W^(1/2) and by the width of the bounds") {
  Matrix G(2, 2);
  G << 1, 2, 3, 4;
  const Vector w = (Vector(2) << 4.0, 9.0).finished();
  const Vector lower = (Vector(2) << 0.0, 10.0).finished();
  const Vector upper = (Vector(2) << 0.5, 30.0).finished();
  const Identification id = identify(G, none, w.asDiagonal(), lower, upper);
  Matrix expected(2, 2);
  expected << 2 * 1 * 0.5, 2 * 2 * 20, 3 * 3 * 0.5, 3 * 4 * 20;
  CHECK((id.scaled_jacobian - expected).cwiseAbs().maxCoeff() < 1e-10);
}

TEST_CASE("identify: a zero column is flagged, with why") {
  Matrix G(3, 3);
  G << 1, 0, 0.2, 0.3, 0, 1, 0.5, 0, 0.5;
  const Identification id =
      identify(G, none, Matrix::Identity(3, 3), Vector::Zero(3), Vector::Ones(3), 1e-3, 0.5, {"alpha", "beta", "gamma"});
  CHECK(id.rank == 2);
  CHECK(std::isinf(id.condition_number));
  REQUIRE(id.unidentified == std::vector<int>{1});
  CHECK_THAT(id.reasons[0], Catch::StartsWith("beta:") && Catch::Contains("no target moves"));
  CHECK(id.moments_moved[1].empty());
  CHECK(id.trade_offs.empty());
}

TEST_CASE("identify: collinear columns lose a rank and trade off") {
  Matrix G(4, 3);
  G << 1, 0.3, 1, 2, -1, 2, 0.5, 0.7, 0.5, -1, 0.2, -1;  // column 2 = column 0
  const Identification id = identify(G, none, Matrix::Identity(4, 4), Vector::Zero(3), Vector::Ones(3));
  CHECK(id.rank == 2);
  CHECK(id.condition_number > 1e6);
  CHECK(id.singular_values.size() == 3);
  // The null vector is (1, 0, -1)/sqrt 2: both load 0.71 on it.
  CHECK(flagged(id, 0));
  CHECK(flagged(id, 2));
  CHECK_FALSE(flagged(id, 1));
  CHECK_THAT(reason(id, 0), Catch::Contains("parameter 2"));
  REQUIRE(id.trade_offs.size() == 1);
  CHECK(id.trade_offs[0].a == 0);
  CHECK(id.trade_offs[0].b == 2);
  // Moving one up and the other down leaves the moments unchanged: the
  // estimates would be perfectly negatively correlated, as they are (nearly)
  // when the columns are nearly the same.
  CHECK(id.trade_offs[0].correlation < -0.99);
  Matrix nearly = G;
  nearly(0, 2) += 1e-2;
  const Identification near_id = identify(nearly, none, Matrix::Identity(4, 4), Vector::Zero(3), Vector::Ones(3));
  CHECK(near_id.rank == 3);
  REQUIRE(near_id.trade_offs.size() == 1);
  CHECK(near_id.trade_offs[0].correlation < -0.99);
}

TEST_CASE("identify: with column 2 = 2 x column 0, only the parameter loading on the null vector is flagged") {
  Matrix G(3, 3);
  G << 1, 0.3, 2, 2, -1, 4, 0.5, 0.7, 1;
  // Null vector (2, 0, -1)/sqrt 5: loadings 0.89 and 0.45.
  const Identification id = identify(G, none, Matrix::Identity(3, 3), Vector::Zero(3), Vector::Ones(3));
  CHECK(id.rank == 2);
  CHECK(flagged(id, 0));
  CHECK_FALSE(flagged(id, 2));
  REQUIRE(id.trade_offs.size() == 1);
  CHECK(std::abs(id.trade_offs[0].correlation) > 0.99);
}

TEST_CASE("identify: a Jacobian lost in simulation noise is flagged") {
  Matrix G(2, 2);
  G << 1.0, 0.01, 0.5, -0.02;
  Matrix se(2, 2);
  se << 0.1, 0.05, 0.1, 0.05;  // parameter 1: |G| < 2 se in every moment
  const Identification id = identify(G, se, Matrix::Identity(2, 2), Vector::Zero(2), Vector::Ones(2));
  REQUIRE(id.unidentified == std::vector<int>{1});
  CHECK_THAT(id.reasons[0], Catch::Contains("not distinguishable from simulation noise"));
  // NaN standard errors (no residual degrees of freedom) prove nothing.
  const Matrix nan_se = Matrix::Constant(2, 2, std::nan(""));
  CHECK(identify(G, nan_se, Matrix::Identity(2, 2), Vector::Zero(2), Vector::Ones(2)).unidentified.empty());
}

TEST_CASE("identify: fewer moments than parameters") {
  Matrix G(1, 2);
  G << 1.0, 1.0;
  const Identification id = identify(G, none, Matrix::Identity(1, 1), Vector::Zero(2), Vector::Ones(2));
  CHECK(id.rank == 1);
  REQUIRE(id.singular_values.size() == 2);
  CHECK(id.singular_values(1) == 0.0);
  CHECK(id.unidentified.size() == 2);
  CHECK_THROWS_AS(identify(G, none, Matrix::Identity(2, 2), Vector::Zero(2), Vector::Ones(2)), std::invalid_argument);
  Matrix nan_G = G;
  nan_G(0, 1) = std::nan("");
  CHECK_THROWS_AS(identify(nan_G, none, Matrix::Identity(1, 1), Vector::Zero(2), Vector::Ones(2)), std::invalid_argument);
}

TEST_CASE("identify: a direction seen by less than min_singular_value standard errors is flagged") {
  // Orthogonal columns of norms 10 and 0.4: the second parameter, moved
  // across its whole range, moves the targets by 0.4 standard errors.
  Matrix G(3, 2);
  G << 10, 0, 0, 0.4, 0, 0;
  const Vector lower = Vector::Zero(2), upper = Vector::Ones(2);
  const Identification relative =
      identify(G, none, Matrix::Identity(3, 3), lower, upper, 1e-3, 0.5, {"strong", "faint"});
  CHECK(relative.unidentified.empty());  // 0.04 of the largest passes the relative test
  const Identification absolute =
      identify(G, none, Matrix::Identity(3, 3), lower, upper, 1e-3, 0.5, {"strong", "faint"}, 1.0);
  CHECK(absolute.rank == 2);
  REQUIRE(absolute.unidentified == std::vector<int>{1});
  CHECK_THAT(absolute.reasons[0], Catch::StartsWith("faint:") && Catch::Contains("0.4 standard errors") &&
                                      Catch::Contains("less than 1"));
  // A floor below the faint direction's singular value flags nothing.
  CHECK(identify(G, none, Matrix::Identity(3, 3), lower, upper, 1e-3, 0.5, {}, 0.3).unidentified.empty());
}
