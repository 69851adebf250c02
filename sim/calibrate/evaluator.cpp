#include "relocsim/calibrate/evaluator.hpp"

#include <fmt/format.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cstring>
#include <mutex>

#include "relocsim/config/load.hpp"
#include "relocsim/engine/error.hpp"
#include "relocsim/engine/simulation.hpp"
#include "relocsim/sweep/plan.hpp"
#include "relocsim/sweep/defined_outcomes.hpp"

namespace relocsim::calibrate {
namespace {

std::vector<double> key_of(const Eigen::VectorXd& theta) { return {theta.data(), theta.data() + theta.size()}; }

bool same_bits(const std::vector<double>& a, const Eigen::VectorXd& b) {
  return static_cast<Eigen::Index>(a.size()) == b.size() &&
         std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

std::string point_text(const Problem& p, const Eigen::VectorXd& theta) {
  std::string out;
  for (int j = 0; j < p.parameters(); ++j) {
    out += fmt::format("{}{} = {}", j ? ", " : "", p.spec.parameters[static_cast<std::size_t>(j)].key, theta[j]);
  }
  return out;
}

// One run's moments in the targets' units.
std::vector<double> run_moments(const Problem& p, const Eigen::VectorXd& theta, int replicate,
                                PopulationCache& populations, const std::atomic<bool>* stop) {
  const config::LoadedConfig loaded = config::load(sweep::archive_path(p.spec.scenario), p.overrides(theta, p.seed(replicate)));
  Simulation simulation(loaded.spec, populations);
  sweep::DefinedOutcomeObserver observer(p.spec.outcomes, loaded.spec);
  RunControl control;
  control.stop = stop;
  simulation.run(observer, control);
  const std::vector<double> outcomes = observer.values();
  std::vector<double> moments(p.targets.size());
  for (std::size_t i = 0; i < p.targets.size(); ++i) {
    moments[i] = outcomes.at(static_cast<std::size_t>(p.target_outcome[i])) / p.targets[i].to_model;
  }
  return moments;
}

// Every point runs on the same seeds: one population per seed is kept, so a
// point whose parameters the population does not read (the shipped fit's
// review probability) draws no firm. A parameter it does read (a population
// key) gives new inputs at every point, and those are built as without the
// cache.
std::size_t population_slots(const Problem& p) {
  return static_cast<std::size_t>(std::clamp(p.spec.replications, 1, 64));
}

}  // namespace

Evaluator::Evaluator(const Problem& problem, sweep::Journal* journal, std::vector<bool> journal_done,
                     const std::atomic<bool>* stop, std::function<void(const EvaluatorProgress&)> progress)
    : problem_(problem),
      journal_(journal),
      done_(std::move(journal_done)),
      stop_(stop),
      report_(std::move(progress)),
      populations_(population_slots(problem)) {}

long long Evaluator::max_runs(const Problem& p) {
  const MethodSettings& m = p.spec.method;
  const long long P = p.parameters();
  const long long design = 3 * P + 1;
  long long evaluations = 1 + m.screen_points + design;                       // pilot, screen, identification
  evaluations += (m.global == "none" ? 0 : m.global_evaluations) + 1;        // global search and its best
  evaluations += 2 * ((m.local == "none" ? 0 : m.local_evaluations) + 1);    // local search, twice if two-step
  evaluations += 2 * design + 1 + m.draws;                                   // Jacobians, estimate, draws
  evaluations += 2 * design + 1;                                             // the first step's Jacobian (two-step)
  return evaluations * p.spec.replications;
}

int Evaluator::evaluate_one(const Eigen::VectorXd& point, Stage stage) {
  return evaluate(point.transpose(), stage).front();
}

std::vector<int> Evaluator::evaluate(const Eigen::MatrixXd& points, Stage stage) {
  const int R = problem_.spec.replications;
  const auto M = static_cast<Eigen::Index>(problem_.targets.size());
  progress_.stage = stage;
  std::vector<int> indices;
  struct Task {
    int evaluation, replicate;
  };
  std::vector<Task> tasks;
  for (Eigen::Index i = 0; i < points.rows(); ++i) {
    const Eigen::VectorXd theta = points.row(i).transpose();
    const int index = static_cast<int>(evaluations_.size());
    indices.push_back(index);
    Evaluation e;
    e.theta = theta;
    e.stage = stage;
    e.by_replicate = Eigen::MatrixXd::Constant(R, M, std::numeric_limits<double>::quiet_NaN());
    const auto seen = seen_.find(key_of(theta));
    if (seen != seen_.end()) {
      e.by_replicate = evaluations_[static_cast<std::size_t>(seen->second)].by_replicate;
      evaluations_.push_back(std::move(e));
      continue;
    }
    seen_.emplace(key_of(theta), index);
    for (int r = 0; r < R; ++r) {
      const long long run = static_cast<long long>(index) * R + r;
      if (journal_ != nullptr && run < static_cast<long long>(done_.size()) && done_[static_cast<std::size_t>(run)]) {
        const sweep::RunRecord record = journal_->read(run);
        if (record.status != sweep::kDone || record.series.size() != 1 || !same_bits(record.series[0], theta) ||
            record.outcomes.size() != 1 || static_cast<Eigen::Index>(record.outcomes[0].size()) != M) {
          throw Error(fmt::format("the journal's run {} is not this calibration's evaluation {} at {}: the journal "
                                  "belongs to another path of the search; remove {} to start again",
                                  run, index, point_text(problem_, theta), journal_->dir()));
        }
        for (Eigen::Index m = 0; m < M; ++m) e.by_replicate(r, m) = record.outcomes[0][static_cast<std::size_t>(m)];
        ++progress_.runs_from_journal;
      } else {
        tasks.push_back({index, r});
      }
    }
    evaluations_.push_back(std::move(e));
  }

  std::mutex mutex;
  std::atomic<bool> interrupted{false};
  std::string failure;
  tbb::parallel_for(
      tbb::blocked_range<std::size_t>(0, tasks.size(), 1),
      [&](const tbb::blocked_range<std::size_t>& range) {
        for (std::size_t t = range.begin(); t != range.end(); ++t) {
          if (interrupted || (stop_ != nullptr && stop_->load())) {
            interrupted = true;
            return;
          }
          const Task task = tasks[t];
          Evaluation& e = evaluations_[static_cast<std::size_t>(task.evaluation)];
          std::vector<double> moments;
          try {
            tbb::this_task_arena::isolate(
                [&] { moments = run_moments(problem_, e.theta, task.replicate, populations_, stop_); });
          } catch (const Interrupted&) {
            interrupted = true;
            return;
          } catch (const std::exception& ex) {
            const std::lock_guard lock(mutex);
            if (failure.empty()) {
              failure = fmt::format("the run at {} on seed {} (replicate {}) failed: {}", point_text(problem_, e.theta),
                                    problem_.seed(task.replicate), task.replicate, ex.what());
            }
            interrupted = true;
            return;
          }
          if (journal_ != nullptr) {
            sweep::RunRecord record;
            record.run = static_cast<long long>(task.evaluation) * problem_.spec.replications + task.replicate;
            record.status = sweep::kDone;
            record.outcomes = {moments};
            record.series = {key_of(e.theta)};
            journal_->write(record);
          }
          const std::lock_guard lock(mutex);
          for (std::size_t m = 0; m < moments.size(); ++m) {
            e.by_replicate(task.replicate, static_cast<Eigen::Index>(m)) = moments[m];
          }
          ++progress_.runs_made;
          if (report_) report_(progress_);
        }
      },
      tbb::simple_partitioner());
  if (!failure.empty()) throw Error(failure);
  if (interrupted) {
    throw Interrupted(fmt::format("interrupted after {} runs{}; continue with --resume", progress_.runs_made,
                                  journal_ != nullptr ? ", kept in " + journal_->dir() : std::string()));
  }
  for (const int index : indices) {
    Evaluation& e = evaluations_[static_cast<std::size_t>(index)];
    e.mean = e.by_replicate.colwise().mean().transpose();
  }
  progress_.evaluations = static_cast<long long>(evaluations_.size());
  if (report_) report_(progress_);
  return indices;
}

}  // namespace relocsim::calibrate
