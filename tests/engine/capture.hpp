#pragma once
// An observer that keeps a whole run: every step's record and the firms at
// the end, for tests that compare runs or read them back.
#include <vector>

#include "relocsim/engine/observer.hpp"

namespace relocsim::test {

struct Capture : Observer {
  std::vector<StepRecord> records;
  FirmTable firms;
  void on_step(const StepRecord& r) override { records.push_back(r); }
  void on_end(const FirmTable& f) override { firms = f; }
};

}  // namespace relocsim::test
