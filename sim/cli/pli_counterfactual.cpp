#include "pli_counterfactual.hpp"

#include <cmath>

namespace relocsim::cli {
namespace {

struct PathRecorder : Observer {
  NoPliPath path;
  [[nodiscard]] RecordParts wants() const override { return {false, false}; }
  void on_step(const StepRecord& r) override {
    path.jobs.push_back(r.india_incremental_jobs);
    path.output.push_back(r.india_incremental_output);
  }
};

}  // namespace

NoPliPath run_without_pli(const ModelSpec& spec, const RunControl& control) {
  ModelSpec without = spec;
  without.params.pli_enabled = false;
  without.run.choice_log_every = 0;
  Simulation sim(without);
  PathRecorder recorder;
  sim.run(recorder, control);
  return std::move(recorder.path);
}

void PliCounterfactual::on_start(const RunStart& start) {
  RunStart annotated = start;
  annotated.pli_counterfactual = true;
  inner_.on_start(annotated);
}

void PliCounterfactual::on_step(const StepRecord& record) {
  StepRecord r = record;
  const auto& jobs0 = path_.jobs.at(static_cast<std::size_t>(r.step));
  const auto& output0 = path_.output.at(static_cast<std::size_t>(r.step));
  const std::size_t K = r.india_incremental_jobs.size();
  r.pli_additional_jobs.resize(K);
  r.pli_additional_output.resize(K);
  r.pli_cost_per_additional_job.assign(K, std::nan(""));
  r.pli_cost_per_additional_unit.assign(K, std::nan(""));
  for (std::size_t k = 0; k < K; ++k) {
    r.pli_additional_jobs[k] = r.india_incremental_jobs[k] - jobs0[k];
    r.pli_additional_output[k] = r.india_incremental_output[k] - output0[k];
    const double committed = r.pli_committed_cumulative[k];
    if (committed > 0 && r.pli_additional_jobs[k] > 0) r.pli_cost_per_additional_job[k] = committed / r.pli_additional_jobs[k];
    if (committed > 0 && r.pli_additional_output[k] > 0)
      r.pli_cost_per_additional_unit[k] = committed / r.pli_additional_output[k];
  }
  inner_.on_step(r);
}

}  // namespace relocsim::cli
