// Learning by doing follows Wright's law on each site-sector's own experience.
#include <catch2/catch.hpp>
#include <cmath>

#include "relocsim/engine/learning.hpp"
#include "tiny_spec.hpp"

using namespace relocsim;

TEST_CASE("each doubling of a site's own experience raises productivity by 2^elasticity", "[learning]") {
  ModelSpec spec = test::tiny_spec();
  spec.params.learning_elasticity = 0.2;
  spec.params.learning_reference = 10;
  spec.params.learning_prior_years = 5;
  const std::size_t n = spec.sites.size() * spec.sectors.size();
  std::vector<double> start(n, 0.0);
  start[0] = 1000;  // a mature cluster: experience 5 x 1000 + 10 = 5010
  start[1] = 10;    // a young site: experience 5 x 10 + 10 = 60
  Learning learning(spec);
  learning.set_initial_output(start);
  std::vector<double> output(n, 0.0);
  output[0] = 5010;  // one year at this output doubles the mature cluster's experience
  output[1] = 60;    // ... and the young site's
  learning.add_output(output, 1.0);
  CHECK(learning.factor()[0] == Approx(std::pow(2.0, 0.2)));
  CHECK(learning.factor()[1] == Approx(std::pow(2.0, 0.2)));
  CHECK(learning.factor()[2] == 1.0);  // no output, no learning
  // The same USD 100m more output teaches the young site far more.
  Learning again(spec);
  again.set_initial_output(start);
  std::vector<double> same(n, 0.0);
  same[0] = same[1] = 100;
  again.add_output(same, 1.0);
  CHECK(again.factor()[1] > again.factor()[0] * 1.1);
}
