#include "search.hpp"

#include <nlopt.hpp>

#include <exception>
#include <limits>

namespace relocsim::calibrate {
namespace {

std::string reason(nlopt::result r) {
  switch (r) {
    case nlopt::SUCCESS: return "success";
    case nlopt::STOPVAL_REACHED: return "objective below stopval";
    case nlopt::FTOL_REACHED: return "objective tolerance reached";
    case nlopt::XTOL_REACHED: return "parameter tolerance reached";
    case nlopt::MAXEVAL_REACHED: return "evaluation limit reached";
    case nlopt::MAXTIME_REACHED: return "time limit reached";
    default: return "stopped (NLopt code " + std::to_string(static_cast<int>(r)) + ")";
  }
}

// NLopt's C++ wrapper turns an exception in the objective into a bare
// "forced stop"; keep the original and rethrow it after optimize returns.
SearchResult optimise(nlopt::opt& opt, const UnitObjective& f, const Eigen::VectorXd& start) {
  const auto n = static_cast<unsigned>(start.size());
  std::exception_ptr error;
  int count = 0;
  struct Context {
    const UnitObjective* f;
    std::exception_ptr* error;
    int* count;
  } context{&f, &error, &count};
  opt.set_lower_bounds(std::vector<double>(n, 0.0));
  opt.set_upper_bounds(std::vector<double>(n, 1.0));
  opt.set_min_objective(
      [](unsigned dim, const double* x, double* /*grad*/, void* data) -> double {
        auto* c = static_cast<Context*>(data);
        try {
          ++*c->count;
          return (*c->f)(Eigen::Map<const Eigen::VectorXd>(x, dim));
        } catch (...) {
          *c->error = std::current_exception();
          throw nlopt::forced_stop();
        }
      },
      &context);
  std::vector<double> x(start.data(), start.data() + n);
  double value = std::numeric_limits<double>::infinity();
  nlopt::result r = nlopt::FAILURE;
  try {
    r = opt.optimize(x, value);
  } catch (const nlopt::forced_stop&) {
    if (error) std::rethrow_exception(error);
    throw;
  } catch (const nlopt::roundoff_limited&) {
    r = nlopt::SUCCESS;  // the best point so far stands
  }
  if (error) std::rethrow_exception(error);
  SearchResult out;
  out.best = Eigen::Map<const Eigen::VectorXd>(x.data(), n);
  out.value = value;
  out.evaluations = count;
  out.stop_reason = reason(r);
  out.converged = r != nlopt::MAXEVAL_REACHED && r != nlopt::MAXTIME_REACHED;
  return out;
}

}  // namespace

SearchResult global_search(const UnitObjective& f, const Eigen::VectorXd& start, int max_evaluations,
                           std::uint64_t seed) {
  // CRS2 draws its population with NLopt's own generator: seeded, the
  // search (and so a resumed calibration) takes the same path.
  nlopt::srand(seed);
  nlopt::opt opt(nlopt::GN_CRS2_LM, static_cast<unsigned>(start.size()));
  opt.set_maxeval(max_evaluations);
  return optimise(opt, f, start);
}

SearchResult local_search(const UnitObjective& f, const Eigen::VectorXd& start, int max_evaluations, double xtol) {
  nlopt::opt opt(nlopt::LN_SBPLX, static_cast<unsigned>(start.size()));
  opt.set_maxeval(max_evaluations);
  opt.set_xtol_abs(xtol);
  opt.set_initial_step(0.1);
  return optimise(opt, f, start);
}

}  // namespace relocsim::calibrate
