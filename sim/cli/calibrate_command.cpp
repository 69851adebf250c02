#include "calibrate_command.hpp"

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <filesystem>

#include <fmt/core.h>
#include <tbb/global_control.h>

#include "cli_options.hpp"
#include "commands.hpp"
#include "interrupt.hpp"
#include "open_hint.hpp"
#include "output_path.hpp"
#include "relocsim/calibrate/calibrate.hpp"
#include "relocsim/calibrate/fit_file.hpp"
#include "relocsim/engine/error.hpp"
#include "relocsim/output/provenance.hpp"
#include "relocsim/sweep/heap_reuse.hpp"
#include "relocsim/sweep/journal.hpp"
#include "sweep_commands.hpp"

namespace relocsim::cli {
namespace fs = std::filesystem;
namespace {

using calibrate::Stage;

const char* stage_name(Stage s) {
  switch (s) {
    case Stage::Pilot: return "pilot run";
    case Stage::Screen: return "global screen";
    case Stage::Global: return "global search";
    case Stage::Local: return "local search";
    case Stage::Jacobian: return "Jacobian";
    case Stage::Draws: return "parameter draws";
  }
  return "?";
}

// One line per stage and, within a stage, at most one every few seconds (a
// terminal redraws it): where the calibration is, its pace, and the most
// time it can still take (every evaluation the settings allow).
class CalibrationProgress {
 public:
  CalibrationProgress(bool enabled, long long max_runs) : enabled_(enabled), max_runs_(max_runs), tty_(isatty(2) != 0) {}
  void update(const calibrate::EvaluatorProgress& p) {
    if (!enabled_) return;
    const auto now = Clock::now();
    const bool new_stage = p.stage != stage_;
    if (!new_stage && std::chrono::duration<double>(now - last_).count() < (tty_ ? 0.5 : 30.0)) return;
    last_ = now;
    stage_ = p.stage;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    const double rate = seconds > 0 ? static_cast<double>(p.runs_made) / seconds : 0;
    const long long runs = p.runs_made + p.runs_from_journal;
    const std::string left =
        rate > 0 ? fmt::format(", at most {:.0f} min left", static_cast<double>(max_runs_ - runs) / rate / 60.0) : "";
    fmt::print(stderr, "{}calibrate: {}, {} evaluations, {} runs ({:.1f} runs/s){}{}", tty_ ? "\r\033[K" : "",
               stage_name(p.stage), p.evaluations, runs, rate, left, tty_ ? "" : "\n");
    std::fflush(stderr);
  }
  void finish() {
    if (enabled_ && tty_) fmt::print(stderr, "\n");
  }

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  long long max_runs_;
  bool tty_;
  Stage stage_ = static_cast<Stage>(-1);
  Clock::time_point start_ = Clock::now(), last_ = Clock::now();
};

void print_identification(const calibrate::Problem& p, const calibrate::FitResult& f) {
  fmt::print("{}: {} parameters, {} targets ({} in the fit window to {:.2f}, {} held out), {} replications\n", p.spec.path,
             p.parameters(), p.moments(), p.fit.size(), p.spec.fit_until, p.held_out.size(), p.spec.replications);
  const auto& id = f.identification;
  fmt::print("identification at the start: rank {} of {}, condition number {:.3g}, singular values", id.rank,
             p.parameters(), id.condition_number);
  for (Eigen::Index k = 0; k < id.singular_values.size(); ++k) fmt::print(" {:.3g}", id.singular_values[k]);
  fmt::print(" (standard errors of the targets per whole range)\n");
  for (std::size_t j = 0; j < id.moments_moved.size(); ++j) {
    std::string moved;
    for (const int m : id.moments_moved[j]) {
      moved += (moved.empty() ? "" : ", ") + p.targets[static_cast<std::size_t>(p.fit[static_cast<std::size_t>(m)])].name;
    }
    fmt::print("  {} moves {}\n", p.spec.parameters[j].key, moved.empty() ? "no target by half a standard error" : moved);
  }
  for (std::size_t k = 0; k < id.unidentified.size(); ++k) {
    fmt::print("  not identified: {}\n", k < id.reasons.size() ? id.reasons[k] : "");
  }
  for (const auto& t : id.trade_offs) {
    fmt::print("  trade off: {} and {} (correlation {:.2f})\n", p.spec.parameters[static_cast<std::size_t>(t.a)].key,
               p.spec.parameters[static_cast<std::size_t>(t.b)].key, t.correlation);
  }
  std::fflush(stdout);
}

void print_estimates(const calibrate::Problem& p, const calibrate::FitResult& f) {
  if (f.estimate_evaluation < 0) return;
  fmt::print("status: {} ({})\n", f.status, f.stop_reason);
  fmt::print("  {:<40} {:>12} {:>12} {:>12}\n", "parameter", "estimate", "std. error", "(large step)");
  for (int j = 0; j < p.parameters(); ++j) {
    fmt::print("  {:<40} {:>12.5g} {:>12.4g} {:>12.4g}\n", p.spec.parameters[static_cast<std::size_t>(j)].key,
               f.estimate[j], f.estimates[0].std_error[j], f.estimates[1].std_error[j]);
  }
  fmt::print("{} = {:.3f} on {} degrees of freedom, p = {:.3g}\n", f.j_kind == "J-test" ? "J-test" : "J (diagnostic)",
             f.j.statistic, f.j.df, f.j.p_value);
}

}  // namespace

int calibrate_command(const CalibrateOptions& o) {
  if (o.resume && o.force) {
    throw ConfigError("--resume", 0, "", "--resume continues a calibration and --force discards it; give one, not both");
  }
  const auto wall_start = std::chrono::steady_clock::now();
  sweep::keep_freed_memory_for_later_runs();
  const calibrate::Problem problem = calibrate::make_problem(calibrate::load_calibration_spec(o.definition));
  const long long max_runs = calibrate::Evaluator::max_runs(problem);
  if (o.dry_run) {
    fmt::print("{}: {} parameters, {} targets ({} fitted, {} held out), {} replications; at most {} runs "
               "(calibration_id {})\n",
               problem.spec.path, problem.parameters(), problem.moments(), problem.fit.size(), problem.held_out.size(),
               problem.spec.replications, max_runs, problem.identity);
    return kOk;
  }
  std::string output = o.output;
  if (!o.output_named) {
    fs::create_directories("results");
    output = (fs::path("results") / fs::path(o.definition).stem()).string() + ".fit.h5";
  }
  std::vector<std::string> inputs;
  for (const auto& in : problem.inputs) inputs.push_back(in.path);
  check_output_path(output, "-o", inputs);
  if (fs::exists(output) && !o.force) {
    throw OutputError(fmt::format("{} exists; give --force to replace it, or another -o", output));
  }
  const int threads = thread_count(o.threads);
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));

  output::Provenance provenance = provenance_for(o.command_line, threads);
  provenance.config_path = problem.spec.path;
  provenance.seed = problem.spec.master_seed;

  // The journal shares the sweep's format: one record per run, written
  // whole or not at all, checked against the calibration's identity.
  sweep::JournalHeader header{problem.identity, sweep::Shard{}, max_runs, provenance.git_commit};
  sweep::Journal journal(output + ".d", header, o.resume ? sweep::Journal::Mode::Resume : sweep::Journal::Mode::Fresh,
                         o.force);
  std::vector<bool> done = journal.scan();
  CalibrationProgress progress(!o.quiet, max_runs);
  calibrate::Evaluator evaluator(problem, &journal, std::move(done), &install_interrupt_handlers(),
                                 [&](const calibrate::EvaluatorProgress& p) { progress.update(p); });
  calibrate::FitResult fit;
  try {
    fit = calibrate::calibrate(problem, evaluator, [&](const calibrate::FitResult& f) {
      if (o.quiet) return;
      progress.finish();
      print_identification(problem, f);
    });
  } catch (const Interrupted& e) {
    progress.finish();
    fmt::print(stderr, "\nrelocsim: {}\n", e.what());
    return kInterrupted;
  }
  progress.finish();
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  try {
    calibrate::write_fit(output, problem, evaluator, fit, provenance, wall, o.force);
  } catch (const OutputError& e) {
    throw OutputError(fmt::format("{}; every run is kept in {}: make room, then run the same command with --resume",
                                  e.what(), journal.dir()));
  }
  journal.remove();
  if (!o.quiet) {
    if (evaluator.runs_from_journal() > 0) {
      fmt::print("resumed: {} runs were in the journal, {} run now\n", evaluator.runs_from_journal(),
                 evaluator.runs_made());
    }
    print_estimates(problem, fit);
    fmt::print("Results: {}\n", output);
    fmt::print("{}", open_hint(output));
    fmt::print("  report: python3 -m relocsim report {} -o DIR; layout: docs/CALIBRATE.md\n", output);
  }
  if (fit.status == "not identified") {
    std::string names;
    for (const int j : fit.identification.unidentified) {
      names += (names.empty() ? "" : ", ") + problem.spec.parameters[static_cast<std::size_t>(j)].key;
    }
    fmt::print(stderr,
               "relocsim: the targets do not identify {} at the starting point; the identification report is in {}. "
               "Fit fewer parameters, or set method.stop_if_unidentified = false to estimate anyway\n",
               names, output);
    return kFailed;
  }
  return kOk;
}

void add_calibrate_command(CLI::App& app, CalibrateCli& c, const std::string& command_line) {
  c.options.command_line = command_line;
  c.command = app.add_subcommand(
      "calibrate", "Fit parameters to published targets by the method of simulated moments (docs/CALIBRATE.md)");
  c.command->add_option("definition", c.options.definition, "Calibration definition, CALIB.toml")->required();
  c.output = c.command->add_option("-o,--output", c.options.output, "Fit file (default: results/<definition>.fit.h5)");
  c.command->add_option("--threads", c.options.threads, "Worker threads (default: every core)")
      ->check(whole_number(1, kMaxThreads, "the number of threads"));
  c.command->add_flag("--resume", c.options.resume, "Continue an interrupted calibration from its journal (FIT.h5.d)");
  c.command->add_flag("--force", c.options.force, "Discard an existing journal and replace an existing fit file");
  c.command->add_flag("--dry-run", c.options.dry_run, "Check the definition and print its size; run nothing");
  c.command->add_flag("-q,--quiet", c.options.quiet, "Print nothing but errors");
}

int run_calibrate_command(CalibrateCli& c) {
  if (c.command == nullptr || !*c.command) return -1;
  c.options.output_named = c.output != nullptr && c.output->count() > 0;
  return calibrate_command(c.options);
}

}  // namespace relocsim::cli
