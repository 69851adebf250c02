#pragma once
// A small run built in code, so the writer can be tested without the engine:
// 3 sites (one per bloc), 2 sectors, 2 markets, 2 home countries, 4 firms,
// 3 steps. Every value is a simple function of its indices (see the .cpp), so
// a test can say what it expects without storing a reference file.
#include <string>
#include <vector>

#include "relocsim/engine/observer.hpp"
#include "relocsim/output/hdf5_writer.hpp"

namespace relocsim::testing {

struct SyntheticRun {
  ModelSpec spec;
  std::vector<StepRecord> records;
  FirmTable firms;
  std::vector<double> route_cost, route_days;
  ValueBreakdownTable breakdown;  // value = breakdown_value(time, sector, option, part)

  [[nodiscard]] RunStart start() const;
};

SyntheticRun make_synthetic_run();

// The value every (step, site, sector) array holds, distinct per cell.
double capacity_value(int step, int site, int sector);
// The value breakdown's cell values, distinct per cell.
double breakdown_value(int time, int sector, int option, int part);

output::Provenance synthetic_provenance();

// Drives a writer through the whole run: start, every step, the firm table,
// the value breakdown.
// Does not call finish().
void feed(output::Hdf5Writer& writer, const SyntheticRun& run);

}  // namespace relocsim::testing
