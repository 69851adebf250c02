#include "relocsim/calibrate/calibrate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "relocsim/engine/error.hpp"
#include "relocsim/sweep/design.hpp"
#include "search.hpp"

namespace relocsim::calibrate {
namespace {

using Eigen::MatrixXd;
using Eigen::VectorXd;

constexpr double kHuge = 1e30;  // the objective where a fit moment is undefined

VectorXd fit_rows(const Problem& p, const VectorXd& all) {
  VectorXd out(static_cast<Eigen::Index>(p.fit.size()));
  for (std::size_t i = 0; i < p.fit.size(); ++i) out[static_cast<Eigen::Index>(i)] = all[p.fit[i]];
  return out;
}

MatrixXd fit_rows(const Problem& p, const MatrixXd& all) {
  MatrixXd out(static_cast<Eigen::Index>(p.fit.size()), all.cols());
  for (std::size_t i = 0; i < p.fit.size(); ++i) out.row(static_cast<Eigen::Index>(i)) = all.row(p.fit[i]);
  return out;
}

VectorXd fit_targets(const Problem& p) {
  VectorXd t(static_cast<Eigen::Index>(p.fit.size()));
  for (std::size_t i = 0; i < p.fit.size(); ++i) t[static_cast<Eigen::Index>(i)] = p.targets[static_cast<std::size_t>(p.fit[i])].value;
  return t;
}

VectorXd fit_target_se(const Problem& p) {
  VectorXd s(static_cast<Eigen::Index>(p.fit.size()));
  for (std::size_t i = 0; i < p.fit.size(); ++i) s[static_cast<Eigen::Index>(i)] = p.targets[static_cast<std::size_t>(p.fit[i])].se;
  return s;
}

VectorXd to_unit(const Problem& p, const VectorXd& theta) {
  return ((theta - p.lower).array() / (p.upper - p.lower).array()).matrix();
}

// Unit coordinates back to values, clamped: NLopt keeps to the box, but the
// arithmetic must not push a value a rounding error outside its bounds.
VectorXd from_unit(const Problem& p, const VectorXd& u) {
  VectorXd theta = p.lower + (u.array() * (p.upper - p.lower).array()).matrix();
  return theta.cwiseMax(p.lower).cwiseMin(p.upper);
}

// The seed of each stochastic step, derived from the master seed and the
// step's name, so adding a step never shifts another's draws.
std::uint64_t step_seed(const Problem& p, std::uint64_t salt) { return p.seed(static_cast<int>(1000 + salt)); }

MatrixXd rows_of(const Problem& p, const std::vector<int>& evaluations, const Evaluator& ev, bool means) {
  MatrixXd out(static_cast<Eigen::Index>(evaluations.size()), means ? p.moments() : p.parameters());
  for (std::size_t i = 0; i < evaluations.size(); ++i) {
    const Evaluation& e = ev[evaluations[i]];
    out.row(static_cast<Eigen::Index>(i)) = (means ? e.mean : e.theta).transpose();
  }
  return out;
}

MatrixXd thetas_of(const Problem& p, const std::vector<int>& ids, const Evaluator& ev) { return rows_of(p, ids, ev, false); }
MatrixXd moments_of(const Problem& p, const std::vector<int>& ids, const Evaluator& ev) { return rows_of(p, ids, ev, true); }

struct Best {
  int evaluation = -1;
  double value = std::numeric_limits<double>::infinity();
};

// A search over the unit cube whose every call is an evaluation; the best
// evaluation by this weighting is kept (ties: the earliest).
SearchResult search(const Problem& p, Evaluator& ev, const MatrixXd& w, Stage stage, const VectorXd& start_theta,
                    Best& best) {
  const UnitObjective f = [&](const VectorXd& u) {
    const int id = ev.evaluate_one(from_unit(p, u), stage);
    const double value = objective(p, w, ev[id]);
    if (value < best.value) best = {id, value};
    return value;
  };
  const MethodSettings& m = p.spec.method;
  if (stage == Stage::Global) return global_search(f, to_unit(p, start_theta), m.global_evaluations, step_seed(p, 1));
  return local_search(f, to_unit(p, start_theta), m.local_evaluations, m.xtol);
}

LocalJacobian jacobian_at(const Problem& p, Evaluator& ev, const VectorXd& center, double step,
                          std::vector<int>* ids_out = nullptr) {
  const MatrixXd design = local_design(center, p.lower, p.upper, step);
  const std::vector<int> ids = ev.evaluate(design, Stage::Jacobian);
  if (ids_out != nullptr) ids_out->insert(ids_out->end(), ids.begin(), ids.end());
  return local_regression_jacobian(thetas_of(p, ids, ev), moments_of(p, ids, ev), center);
}

// The moments' covariance across seeds, pooled over points near each other:
// the deviations of each point's replicates from that point's mean, so that
// R replicates at each of K points give K (R - 1) degrees of freedom rather
// than R - 1 at one point. With R = 4 the covariance at one point is so
// noisy that intervals built on it cover the truth far less often than they
// claim (docs/CALIBRATE.md, section 6).
MatrixXd pooled_covariance(const Problem& p, const Evaluator& ev, const std::vector<int>& ids) {
  const auto M = static_cast<Eigen::Index>(p.moments());
  MatrixXd sum = MatrixXd::Zero(M, M);
  long long df = 0;
  std::vector<std::vector<double>> seen;
  for (const int id : ids) {
    const Evaluation& e = ev[id];
    const std::vector<double> key(e.theta.data(), e.theta.data() + e.theta.size());
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;  // the same runs twice count once
    seen.push_back(key);
    const MatrixXd centred = e.by_replicate.rowwise() - e.mean.transpose();
    sum += centred.transpose() * centred;
    df += e.by_replicate.rows() - 1;
  }
  return df > 0 ? MatrixXd(sum / static_cast<double>(df)) : sample_covariance(ev[ids.front()].by_replicate);
}

// The fit moments' block of an all-moments square matrix.
MatrixXd fit_block(const Problem& p, const MatrixXd& all) {
  const auto n = static_cast<Eigen::Index>(p.fit.size());
  MatrixXd out(n, n);
  for (Eigen::Index a = 0; a < n; ++a) {
    for (Eigen::Index b = 0; b < n; ++b) out(a, b) = all(p.fit[static_cast<std::size_t>(a)], p.fit[static_cast<std::size_t>(b)]);
  }
  return out;
}

// Omega = Omega_data + Omega_sim / R over the fit moments, from the
// simulated moments' covariance across seeds.
MatrixXd omega_of(const Problem& p, const MatrixXd& sim_covariance) {
  return moment_covariance(fit_target_se(p), fit_block(p, sim_covariance), p.spec.replications);
}

}  // namespace

double objective(const Problem& p, const MatrixXd& w, const Evaluation& e) {
  const VectorXd r = fit_rows(p, e.mean) - fit_targets(p);
  if (!r.allFinite()) return kHuge;
  double value = r.dot(w * r);
  for (int j = 0; j < p.parameters(); ++j) {
    const auto& par = p.spec.parameters[static_cast<std::size_t>(j)];
    if (std::isnan(par.prior_sd)) continue;
    const double z = (e.theta[j] - par.prior_mean) / par.prior_sd;
    value += z * z;
  }
  return value;
}

void quantiles(const MatrixXd& values, VectorXd& lower, VectorXd& median, VectorXd& upper) {
  const Eigen::Index n = values.rows(), m = values.cols();
  lower = upper = median = VectorXd::Constant(m, std::numeric_limits<double>::quiet_NaN());
  for (Eigen::Index j = 0; j < m; ++j) {
    std::vector<double> v;
    for (Eigen::Index i = 0; i < n; ++i) {
      if (std::isfinite(values(i, j))) v.push_back(values(i, j));
    }
    if (v.empty()) continue;
    std::sort(v.begin(), v.end());
    const auto at = [&](double q) {
      const double h = q * static_cast<double>(v.size() - 1);
      const auto lo = static_cast<std::size_t>(std::floor(h));
      const std::size_t hi = std::min(lo + 1, v.size() - 1);
      return v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
    };
    lower[j] = at(0.05);
    median[j] = at(0.5);
    upper[j] = at(0.95);
  }
}

FitResult calibrate(const Problem& p, Evaluator& ev, const std::function<void(const FitResult&)>& on_identified) {
  FitResult out;
  const MethodSettings& m = p.spec.method;
  const int P = p.parameters();
  const auto nan = std::numeric_limits<double>::quiet_NaN();
  out.estimate = VectorXd::Constant(P, nan);

  // Weighting from the targets' own uncertainty: each moment in units of its
  // standard error, so a figure known to 5% pulls harder than one known to 50%.
  MatrixXd w = fit_target_se(p).array().square().inverse().matrix().asDiagonal();
  out.weighting = w;

  // Pilot and global screen: which moments does each parameter move at all,
  // anywhere inside its bounds?
  const int pilot = ev.evaluate_one(p.start, Stage::Pilot);
  if (m.screen_points > P + 1) {
    const sweep::UnitDesign unit = sweep::lhs_unit(m.screen_points, static_cast<std::size_t>(P), step_seed(p, 2));
    MatrixXd points(m.screen_points, P);
    for (int i = 0; i < m.screen_points; ++i) {
      VectorXd u(P);
      for (int j = 0; j < P; ++j) u[j] = unit.at(static_cast<std::size_t>(i), static_cast<std::size_t>(j));
      points.row(i) = from_unit(p, u).transpose();
    }
    const std::vector<int> ids = ev.evaluate(points, Stage::Screen);
    out.screen = global_screen(thetas_of(p, ids, ev), moments_of(p, ids, ev));
  }

  // Identification at the pilot point, before anything is estimated.
  out.pilot_jacobian = jacobian_at(p, ev, p.start, m.identification_step);
  std::vector<std::string> keys;
  for (const auto& par : p.spec.parameters) keys.push_back(par.key);
  out.identification = identify(fit_rows(p, out.pilot_jacobian.G), fit_rows(p, out.pilot_jacobian.G_se), w, p.lower,
                                p.upper, 1e-3, 0.5, keys, m.min_singular_value);
  if (on_identified) on_identified(out);
  if (!out.identification.unidentified.empty() && m.stop_if_unidentified) {
    out.status = "not identified";
    out.stop_reason = "stopped before estimating: method.stop_if_unidentified";
    for (const auto& e : ev.all()) out.objective.push_back(objective(p, w, e));
    return out;
  }

  Best best{pilot, objective(p, w, ev[pilot])};
  bool converged = true;
  std::string reasons;
  if (m.global != "none") {
    const SearchResult g = search(p, ev, w, Stage::Global, p.start, best);
    reasons += "global: " + g.stop_reason;
  }
  if (m.local != "none") {
    const SearchResult l = search(p, ev, w, Stage::Local, ev[best.evaluation].theta, best);
    converged = l.converged;
    reasons += std::string(reasons.empty() ? "" : "; ") + "local: " + l.stop_reason;
  }
  if (m.weighting == Weighting::TwoStep) {
    // Efficient weighting at the first step's estimate, then search again
    // from there: the J-test is then a test.
    // The first step's Jacobian design gives the pooled covariance there.
    std::vector<int> ids{best.evaluation};
    jacobian_at(p, ev, ev[best.evaluation].theta, m.jacobian_steps[0], &ids);
    w = inverse_psd(omega_of(p, pooled_covariance(p, ev, ids)));
    best.value = objective(p, w, ev[best.evaluation]);
    if (m.local != "none") {
      const SearchResult l = search(p, ev, w, Stage::Local, ev[best.evaluation].theta, best);
      converged = l.converged;
      reasons += "; second step: " + l.stop_reason;
    }
  }
  out.weighting = w;
  out.stop_reason = reasons;
  out.status = converged ? "converged" : "evaluation limit";
  // The estimate: the searched point of least objective under the final
  // weighting (the first of equals), whichever step evaluated it. The
  // screen's, the Jacobians' and the draws' points are not candidates: they
  // are where the search did not choose to go, and taking one would make
  // the estimate depend on their noise.
  best = Best{};
  for (std::size_t i = 0; i < ev.all().size(); ++i) {
    const Stage s = ev.all()[i].stage;
    if (s != Stage::Pilot && s != Stage::Global && s != Stage::Local) continue;
    const double value = objective(p, w, ev.all()[i]);
    if (best.evaluation < 0 || value < best.value) best = {static_cast<int>(i), value};
  }
  out.estimate_evaluation = best.evaluation;
  // A copy: the evaluations made below grow the evaluator's store.
  const Evaluation at = ev[best.evaluation];
  out.estimate = at.theta;
  out.objective_at_estimate = objective(p, w, at);

  std::vector<int> near{best.evaluation};
  for (int k = 0; k < 2; ++k) {
    out.jacobian[k] = jacobian_at(p, ev, out.estimate, m.jacobian_steps[static_cast<std::size_t>(k)],
                                  k == 0 ? &near : nullptr);
  }
  out.sim_covariance = pooled_covariance(p, ev, near);
  out.omega = omega_of(p, out.sim_covariance);
  for (int k = 0; k < 2; ++k) out.estimates[k] = sandwich_covariance(fit_rows(p, out.jacobian[k].G), w, out.omega);
  out.j = j_test(fit_rows(p, at.mean) - fit_targets(p), out.omega, P);
  out.j_kind = m.weighting == Weighting::TwoStep ? "J-test" : "diagnostic";

  // Parameter sets consistent with the fit, each run on the same seeds: the
  // spread of their runs is the prediction interval of every moment, in and
  // out of sample, parameter uncertainty and seed noise together.
  if (m.draws > 0 && !out.estimates[0].singular && out.estimates[0].covariance.allFinite()) {
    std::mt19937_64 engine(step_seed(p, 3));
    std::uniform_real_distribution<double> unif(0.0, 1.0);
    out.draw_theta = truncated_normal_draws(out.estimate, out.estimates[0].covariance, p.lower, p.upper, m.draws,
                                            [&] { return unif(engine); });
    out.draw_evaluations = ev.evaluate(out.draw_theta, Stage::Draws);
    MatrixXd values(static_cast<Eigen::Index>(out.draw_evaluations.size()) * p.spec.replications, p.moments());
    Eigen::Index row = 0;
    for (const int id : out.draw_evaluations) {
      for (Eigen::Index r = 0; r < ev[id].by_replicate.rows(); ++r) values.row(row++) = ev[id].by_replicate.row(r);
    }
    quantiles(values, out.prediction_lower, out.prediction_median, out.prediction_upper);
  } else {
    out.prediction_lower = out.prediction_median = out.prediction_upper = VectorXd::Constant(p.moments(), nan);
  }
  for (const auto& e : ev.all()) out.objective.push_back(objective(p, w, e));
  return out;
}

}  // namespace relocsim::calibrate
