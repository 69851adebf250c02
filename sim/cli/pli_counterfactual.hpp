#pragma once
// What the PLI added: the run is paired with one of the same scenario and seed
// without PLI (common random numbers), and each record gains the additional
// Indian jobs and output over the paired run, and the PLI committed per
// additional job and unit. Cost per incremental job counts jobs that would
// have come anyway; cost per additional job does not.
#include <vector>

#include "relocsim/engine/observer.hpp"
#include "relocsim/engine/simulation.hpp"

namespace relocsim::cli {

// The no-PLI run's Indian jobs and output above their base, per step and sector.
struct NoPliPath {
  std::vector<std::vector<double>> jobs, output;  // [record][sector]
};
NoPliPath run_without_pli(const ModelSpec& spec, const RunControl& control);

// Forwards a run to `inner`, adding the pli_additional_* fields to each record.
class PliCounterfactual : public Observer {
 public:
  PliCounterfactual(Observer& inner, NoPliPath path) : inner_(inner), path_(std::move(path)) {}
  [[nodiscard]] RecordParts wants() const override { return inner_.wants(); }
  void on_start(const RunStart& start) override;
  void on_step(const StepRecord& record) override;
  void on_end(const FirmTable& firms) override { inner_.on_end(firms); }

 private:
  Observer& inner_;
  NoPliPath path_;
};

}  // namespace relocsim::cli
