// The abandonment decision on the shipped baseline: abandons() leaves out the
// PLI's offer where carrying on is worth it without the PLI, so it must decide
// as continuation_gain() plus the taste gap does, to the bit, on every project
// under way and at the edge of abandonment, where the PLI decides.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "relocsim/config/load.hpp"
#include "relocsim/engine/simulation.hpp"

using namespace relocsim;

TEST_CASE("abandons() decides as continuation_gain plus the taste gap, also at the edge", "[abandonment]") {
  const ModelSpec spec = config::load(std::string(RELOCSIM_CONFIGS) + "/baseline.toml").spec;
  Simulation sim(spec);
  constexpr float kInf = std::numeric_limits<float>::infinity();
  int projects = 0, pli_projects = 0, differ = 0, abandoned = 0, kept = 0;
  // 2022 (the first projects under way), 2024 (PLI paying) and 2027.
  for (const int until : {8, 16, 28}) {
    while (sim.steps_done() < until) sim.step();
    const ValuationTables t = sim.valuation_tables();
    const Firms& firms = sim.firms();
    for (std::size_t f = 0; f < firms.size(); ++f) {
      if (!firms.project[f].active()) continue;
      const FirmView view = view_of(firms, f, sim.proximity(f));
      Project project = firms.project[f];
      const double gain = continuation_gain(t, view, project);
      ++projects;
      pli_projects += t.pli_scheme[firms.sector[f]] >= 0 && t.site_bloc[project.site] == Bloc::India;
      // The project's own taste gap, then gaps just below, at and just above
      // the one that makes carrying on worth exactly staying.
      const float edge = static_cast<float>(-gain);
      for (const float gap : {project.taste_gap, std::nextafter(edge, -kInf), edge, std::nextafter(edge, kInf)}) {
        project.taste_gap = gap;
        const bool decided = abandons(t, view, project);
        differ += decided != (gain + project.taste_gap < 0);
        (decided ? abandoned : kept) += 1;
      }
    }
  }
  CHECK(differ == 0);
  // The comparison covered both outcomes and projects whose PLI counts.
  CHECK(projects > 10000);
  CHECK(pli_projects > 500);
  CHECK(abandoned > 1000);
  CHECK(kept > 1000);
}
