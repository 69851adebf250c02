#pragma once
// Runs the model at parameter points: each point on the same R seeds (common
// random numbers, so that differences between points are not seed noise),
// the runs of a batch of points in parallel, every run's moments to the
// journal the moment they are known. Evaluations are numbered in the order
// the calibration asks for them, which does not depend on the thread count;
// a resumed calibration asks for the same points in the same order and finds
// the runs it already made in the journal.
#include <Eigen/Dense>

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <vector>

#include "relocsim/calibrate/problem.hpp"
#include "relocsim/engine/population_cache.hpp"
#include "relocsim/sweep/journal.hpp"

namespace relocsim::calibrate {

enum class Stage : std::int8_t { Pilot = 0, Screen = 1, Global = 2, Local = 3, Jacobian = 4, Draws = 5 };
inline constexpr const char* kStageMeanings = "pilot screen global local jacobian draws";

struct Evaluation {
  Eigen::VectorXd theta;         // [parameter]
  Eigen::MatrixXd by_replicate;  // [replicate][moment], in the targets' units
  Eigen::VectorXd mean;          // [moment]
  Stage stage = Stage::Pilot;
};

struct EvaluatorProgress {
  long long evaluations = 0;
  long long runs_made = 0, runs_from_journal = 0;
  Stage stage = Stage::Pilot;
};

class Evaluator {
 public:
  // journal may be null (no crash safety, for tests of the search alone).
  Evaluator(const Problem& problem, sweep::Journal* journal, std::vector<bool> journal_done,
            const std::atomic<bool>* stop, std::function<void(const EvaluatorProgress&)> progress = {});

  // Evaluates each point (rows of `points`) and returns their indices. A
  // point evaluated before is not run again. Throws Error when a run fails,
  // naming the point and seed; Interrupted when stopped.
  std::vector<int> evaluate(const Eigen::MatrixXd& points, Stage stage);
  int evaluate_one(const Eigen::VectorXd& point, Stage stage);

  [[nodiscard]] const Evaluation& operator[](int index) const { return evaluations_.at(static_cast<std::size_t>(index)); }
  [[nodiscard]] const std::vector<Evaluation>& all() const { return evaluations_; }
  [[nodiscard]] long long runs_made() const { return progress_.runs_made; }
  [[nodiscard]] long long runs_from_journal() const { return progress_.runs_from_journal; }

  // The journal's size: every run the calibration can ask for, given its settings.
  static long long max_runs(const Problem& problem);

 private:
  const Problem& problem_;
  sweep::Journal* journal_;
  std::vector<bool> done_;
  const std::atomic<bool>* stop_;
  std::function<void(const EvaluatorProgress&)> report_;
  EvaluatorProgress progress_;
  std::vector<Evaluation> evaluations_;
  std::map<std::vector<double>, int> seen_;  // theta -> first evaluation of it
  PopulationCache populations_;              // each seed's firms, built once
};

}  // namespace relocsim::calibrate
