#include <filesystem>
#include <memory>

#include <fmt/core.h>
#include <tbb/global_control.h>
#include <tbb/info.h>

#include "commands.hpp"
#include "warnings.hpp"
#include "input_kind.hpp"
#include "interrupt.hpp"
#include "output_path.hpp"
#include "pli_counterfactual.hpp"
#include "resources.hpp"
#include "relocsim/config/load.hpp"
#include "relocsim/engine/bloc_breakdown.hpp"
#include "relocsim/engine/simulation.hpp"
#include "relocsim/output/hdf5_writer.hpp"
#include "relocsim/sweep/progress_line.hpp"
#include "summary.hpp"

namespace relocsim::cli {
namespace {

// Lets the writer and the summary watch one run.
class Fanout : public Observer {
 public:
  Fanout(Observer& a, Observer& b) : a_(a), b_(b) {}
  [[nodiscard]] RecordParts wants() const override { return a_.wants() | b_.wants(); }
  void on_start(const RunStart& s) override { a_.on_start(s), b_.on_start(s); }
  void on_step(const StepRecord& r) override { a_.on_step(r), b_.on_step(r); }
  void on_end(const FirmTable& f) override { a_.on_end(f), b_.on_end(f); }

 private:
  Observer& a_;
  Observer& b_;
};

std::string default_output(const std::string& config) {
  std::filesystem::create_directories("results");
  return (std::filesystem::path("results") / std::filesystem::path(config).stem()).string() + ".h5";
}

}  // namespace

std::string default_config() {
  const std::filesystem::path local = "configs/baseline.toml";
  return std::filesystem::exists(local) ? local.string() : std::string(RELOCSIM_DEFAULT_CONFIG);
}

int run_command(const RunOptions& options) {
  // First: a signal while the firms are being built must also end in a clean
  // stop (after the first step), not kill the process and strand the temporary.
  const std::atomic<bool>& stop = install_interrupt_handlers();
  const std::string config_path = options.config.empty() ? default_config() : options.config;
  std::vector<std::string> overrides = options.overrides;
  // The seed is a configuration key like any other, so the file records it.
  if (options.seed) overrides.push_back(fmt::format("run.seed={}", *options.seed));
  require_scenario(config_path, "run");
  const config::LoadedConfig loaded = config::load(config_path, overrides);
  print_warnings(loaded);

  const int threads = options.threads > 0 ? options.threads : tbb::info::default_concurrency();
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));

  output::Provenance provenance = output::build_provenance();
  provenance.command_line = options.command_line;
  provenance.config_path = loaded.path;
  provenance.resolved_config = loaded.resolved_toml;
  for (const auto& input : loaded.inputs) provenance.input_files.emplace_back(input.path, input.contents);
  provenance.seed = loaded.spec.run.seed;
  provenance.threads = threads;
  provenance.start_time = output::utc_now();

  const std::string out_path = options.output_named ? options.output : default_output(config_path);
  std::vector<std::string> read;
  for (const auto& input : loaded.inputs) read.push_back(input.path);
  check_output_path(out_path, "-o", read);
  check_resources(loaded, overrides, out_path, options.pli_counterfactual);
  // Opening the writer first fails fast on an existing file or a bad directory,
  // before any time is spent simulating.
  output::Hdf5Writer writer(out_path, provenance, output::WriterOptions{options.force});
  Summary summary;
  Fanout both(writer, summary);
  sweep::ProgressLine progress(!options.quiet, stderr, 2.0, "step");
  RunControl control;
  control.stop = &stop;
  if (options.pli_counterfactual) {
    // Two runs: progress counts both.
    const int steps = loaded.spec.run.steps;
    control.progress = [&](int done, int) { progress.update(done, 2 * steps); };
    NoPliPath path = run_without_pli(loaded.spec, control);
    control.progress = [&](int done, int) { progress.update(steps + done, 2 * steps); };
    PliCounterfactual paired(both, std::move(path));
    Simulation simulation(loaded.spec);
    ValueBreakdownTable breakdown;
    append_bloc_breakdown(simulation, breakdown);
    simulation.run(paired, control);
    append_bloc_breakdown(simulation, breakdown);
    writer.write_value_breakdown(breakdown);
  } else {
    control.progress = [&](int done, int total) { progress.update(done, total); };
    Simulation simulation(loaded.spec);
    // The report's waterfall: value parts at the start and at the end.
    ValueBreakdownTable breakdown;
    append_bloc_breakdown(simulation, breakdown);
    simulation.run(both, control);
    append_bloc_breakdown(simulation, breakdown);
    writer.write_value_breakdown(breakdown);
  }
  progress.finish();
  writer.finish();
  if (!options.quiet) summary.print(stdout, out_path);
  return kOk;
}

}  // namespace relocsim::cli
