// FIT.h5's layout: one flat netCDF-4 file whose dimensions are parameter,
// moment, evaluation, replicate and draw, so that xarray opens it as one
// Dataset and each table (parameters, moments, evaluations) is a set of
// variables along one dimension.
#include <fmt/format.h>

#include <cstdint>
#include <optional>
#include <span>

#include "atomic_target.hpp"
#include "h5_attributes.hpp"
#include "h5_handles.hpp"
#include "netcdf_layout.hpp"
#include "relocsim/calibrate/fit_file.hpp"
#include "relocsim/engine/error.hpp"
#include "run_layout.hpp"

namespace relocsim::calibrate {
namespace {

namespace h5 = output::h5;
namespace nc = output::nc;
using nc::Storage;
using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

template <class T>
std::vector<T> indices(std::size_t n) {
  std::vector<T> out(n);
  for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<T>(i);
  return out;
}

std::vector<double> flat(const Eigen::MatrixXd& m, Eigen::Index rows, Eigen::Index cols) {
  if (m.rows() != rows || m.cols() != cols) return std::vector<double>(static_cast<std::size_t>(rows * cols), kNaN);
  const RowMajor r = m;
  return {r.data(), r.data() + r.size()};
}

std::vector<double> flat(const Eigen::VectorXd& v, Eigen::Index n) {
  if (v.size() != n) return std::vector<double>(static_cast<std::size_t>(n), kNaN);
  return {v.data(), v.data() + v.size()};
}

// An all-moments matrix from a fit-moments one: NaN outside the fit rows.
Eigen::MatrixXd spread_rows(const Problem& p, const Eigen::MatrixXd& fit_rows, Eigen::Index cols) {
  Eigen::MatrixXd out = Eigen::MatrixXd::Constant(p.moments(), cols, kNaN);
  if (fit_rows.rows() != static_cast<Eigen::Index>(p.fit.size()) || fit_rows.cols() != cols) return out;
  for (std::size_t i = 0; i < p.fit.size(); ++i) out.row(p.fit[i]) = fit_rows.row(static_cast<Eigen::Index>(i));
  return out;
}

Eigen::MatrixXd spread_square(const Problem& p, const Eigen::MatrixXd& fit_block) {
  Eigen::MatrixXd out = Eigen::MatrixXd::Constant(p.moments(), p.moments(), kNaN);
  const auto n = static_cast<Eigen::Index>(p.fit.size());
  if (fit_block.rows() != n || fit_block.cols() != n) return out;
  for (Eigen::Index a = 0; a < n; ++a) {
    for (Eigen::Index b = 0; b < n; ++b) out(p.fit[static_cast<std::size_t>(a)], p.fit[static_cast<std::size_t>(b)]) = fit_block(a, b);
  }
  return out;
}

std::string joined_keys(const Problem& p, const std::vector<int>& which) {
  std::string out;
  for (const int j : which) out += (out.empty() ? "" : ",") + p.spec.parameters[static_cast<std::size_t>(j)].key;
  return out;
}

class FitWriter {
 public:
  FitWriter(hid_t file, const Problem& p, const Evaluator& ev, const FitResult& f)
      : file_(file), p_(p), ev_(ev), f_(f), layout_(file, 4) {}

  void attributes(const output::Provenance& provenance, double wall_seconds) {
    using h5::set_attr;
    output::write_run_attributes(file_, provenance);
    set_attr(file_, "title", "relocsim calibration " + p_.spec.path);
    set_attr(file_, "description",
             "A calibration of relocsim by the method of simulated moments: the parameters fitted, the published "
             "targets and the model's moments at every evaluated point, the estimates with their standard errors, "
             "the identification report, and prediction intervals in and out of sample. Every variable is "
             "described in docs/CALIBRATE.md of the relocsim sources.");
    set_attr(file_, "relocsim_file_kind", "calibration");
    set_attr(file_, "calibration_file", p_.spec.path);
    set_attr(file_, "calibration_id", p_.identity);
    set_attr(file_, "scenario", p_.spec.scenario);
    set_attr(file_, "targets_file", p_.spec.targets);
    set_attr(file_, "fit_until", p_.spec.fit_until);
    set_attr(file_, "replications", static_cast<std::int32_t>(p_.spec.replications));
    set_attr(file_, "master_seed", p_.spec.master_seed);
    set_attr(file_, "master_seed_text", std::to_string(p_.spec.master_seed));
    set_attr(file_, "seed_derivation",
             "replicate r runs on seed Philox4x64-10(counter={0, r, 0, 0}, key={master_seed, 0x7377656570})[0] >> 1 "
             "at every parameter point (common random numbers)");
    set_attr(file_, "status", f_.status);
    set_attr(file_, "stop_reason", f_.stop_reason);
    set_attr(file_, "objective", f_.objective_at_estimate);
    set_attr(file_, "estimate_evaluation", static_cast<std::int32_t>(f_.estimate_evaluation));
    set_attr(file_, "weighting", p_.spec.method.weighting == Weighting::TwoStep ? "two-step" : "targets");
    set_attr(file_, "global_method", p_.spec.method.global == "crs2" ? "NLopt GN_CRS2_LM" : "none");
    set_attr(file_, "local_method", p_.spec.method.local == "sbplx" ? "NLopt LN_SBPLX" : "none");
    set_attr(file_, "jacobian_step", p_.spec.method.jacobian_steps[0]);
    set_attr(file_, "jacobian_large_step", p_.spec.method.jacobian_steps[1]);
    set_attr(file_, "evaluations", static_cast<std::int32_t>(ev_.all().size()));
    set_attr(file_, "runs", static_cast<std::int64_t>(ev_.runs_made() + ev_.runs_from_journal()));
    set_attr(file_, "wall_seconds", wall_seconds);
    set_attr(file_, "j_statistic", f_.j.statistic);
    set_attr(file_, "j_df", static_cast<std::int32_t>(f_.j.df));
    set_attr(file_, "j_p_value", f_.j.p_value);
    set_attr(file_, "j_kind", f_.j_kind);
    const Identification& id = f_.identification;
    set_attr(file_, "rank", static_cast<std::int32_t>(id.rank));
    set_attr(file_, "condition_number", id.condition_number);
    set_attr(file_, "unidentified", joined_keys(p_, id.unidentified));
    std::string reasons, pairs;
    for (std::size_t i = 0; i < id.unidentified.size(); ++i) {
      reasons += fmt::format("{}{}", i ? "; " : "", i < id.reasons.size() ? id.reasons[i] : "");
    }
    for (const auto& t : id.trade_offs) {
      pairs += fmt::format("{}{}~{}:{:.3f}", pairs.empty() ? "" : "; ", p_.spec.parameters[static_cast<std::size_t>(t.a)].key,
                           p_.spec.parameters[static_cast<std::size_t>(t.b)].key, t.correlation);
    }
    set_attr(file_, "unidentified_reasons", reasons);
    set_attr(file_, "trade_offs", pairs);
    std::string sums;
    for (const auto& in : p_.inputs) sums += fmt::format("{}  {}\n", in.sha256, in.path);
    set_attr(file_, "input_sha256", sums);
  }

  void define() {
    const auto P = static_cast<Eigen::Index>(p_.parameters());
    const auto M = static_cast<Eigen::Index>(p_.moments());
    const auto E = static_cast<Eigen::Index>(ev_.all().size());
    const int R = p_.spec.replications;
    const auto D = static_cast<Eigen::Index>(f_.draw_evaluations.size());
    std::vector<std::string> keys, names;
    for (const auto& par : p_.spec.parameters) keys.push_back(par.key);
    for (const auto& t : p_.targets) names.push_back(t.name);
    layout_.label_dimension("parameter", keys, {"fitted configuration key"});
    layout_.label_dimension("parameter2", keys, {"fitted configuration key (second axis of a square matrix)"});
    layout_.label_dimension("moment", names, {"published target, and the model moment compared with it"});
    layout_.label_dimension("moment2", names, {"published target (second axis of a square matrix)"});
    layout_.numeric_dimension<std::int32_t>("evaluation", indices<std::int32_t>(static_cast<std::size_t>(E)),
                                            {"evaluated parameter point, in the order the calibration asked for it", "1"});
    layout_.numeric_dimension<std::int32_t>("replicate", indices<std::int32_t>(static_cast<std::size_t>(R)),
                                            {"replicate (seed), the same at every point", "1"});
    layout_.numeric_dimension<std::int32_t>("draw", indices<std::int32_t>(static_cast<std::size_t>(D)),
                                            {"parameter set drawn from the estimate's distribution", "1"});
    const std::vector<std::string> stages{"pilot", "screen", "global", "local", "jacobian", "draws"};
    layout_.label_dimension("stage", stages, {"stage of the calibration"});
    definition();
    parameters(P);
    moments(M);
    matrices(P, M);
    evaluations(P, M, E, R);
    draws(P, M, D);
  }

  void close() { layout_.close(); }

 private:
  void vec(const std::string& name, const std::vector<std::string>& dims, const std::string& long_name,
           const std::string& units, const std::vector<double>& values, Storage storage = Storage::Contiguous) {
    layout_.variable<double>(name, dims, {long_name, units}, storage, kNaN).write(std::span<const double>(values));
  }
  void text(const std::string& name, const std::vector<std::string>& dims, const std::string& long_name,
            const std::vector<std::string>& values) {
    layout_.string_variable(name, dims, {long_name}).write_strings(values);
  }

  void definition() {
    text("calibration_toml", {}, "the calibration definition (CALIB.toml) as written", {p_.spec.text});
    text("resolved_config", {}, "the scenario with calibration.set applied, resolved to TOML", {p_.scenario_resolved});
    std::vector<std::string> paths, contents;
    for (const auto& in : p_.inputs) {
      paths.push_back(in.path);
      contents.push_back(in.contents);
    }
    layout_.label_dimension("input_file", paths, {"path of an input file the calibration read"});
    text("input_file_contents", {"input_file"}, "contents of the input file", contents);
  }

  void parameters(Eigen::Index P) {
    std::vector<double> prior_mean, prior_sd;
    std::vector<std::string> units, descriptions;
    std::vector<std::int8_t> identified(static_cast<std::size_t>(P), f_.identification.rank > 0 ? 1 : 0);
    for (const int j : f_.identification.unidentified) identified[static_cast<std::size_t>(j)] = 0;
    for (const auto& par : p_.spec.parameters) {
      prior_mean.push_back(par.prior_mean);
      prior_sd.push_back(par.prior_sd);
      units.push_back(par.unit.empty() ? "1" : par.unit);
      descriptions.push_back(par.description);
    }
    const std::vector<std::string> d{"parameter"};
    vec("parameter_lower", d, "lower bound of the search", "1", flat(p_.lower, P));
    vec("parameter_upper", d, "upper bound of the search", "1", flat(p_.upper, P));
    vec("parameter_start", d, "starting point (the scenario's value unless start was given)", "1", flat(p_.start, P));
    vec("parameter_estimate", d, "estimate: the evaluated point of least objective", "1", flat(f_.estimate, P));
    vec("parameter_std_error", d, "standard error, from the Jacobian at jacobian_step", "1",
        flat(f_.estimates[0].std_error, P));
    vec("parameter_std_error_large_step", d, "standard error, from the Jacobian at jacobian_large_step", "1",
        flat(f_.estimates[1].std_error, P));
    vec("parameter_prior_mean", d, "mean of the normal prior (NaN: none)", "1", prior_mean);
    vec("parameter_prior_sd", d, "standard deviation of the normal prior (NaN: none)", "1", prior_sd);
    layout_.variable<std::int8_t>("parameter_identified", d, {"1: the targets identify it at the pilot point", "1"},
                                  Storage::Contiguous)
        .write(std::span<const std::int8_t>(identified));
    std::vector<std::string> reasons(static_cast<std::size_t>(P));
    const Identification& id = f_.identification;
    for (std::size_t k = 0; k < id.unidentified.size() && k < id.reasons.size(); ++k) {
      reasons[static_cast<std::size_t>(id.unidentified[k])] = id.reasons[k];
    }
    text("parameter_unidentified_reason", d, "why the identification report flagged it (empty: not flagged)", reasons);
    text("parameter_unit", d, "unit of the parameter", units);
    text("parameter_description", d, "what the parameter means", descriptions);
  }

  void moments(Eigen::Index M) {
    std::vector<double> target, se, to_model, date, fitted, fitted_se, residual;
    std::vector<std::int8_t> in_fit(static_cast<std::size_t>(M), 0);
    std::vector<std::string> date_label, unit, series, outcome, source, conversion;
    for (const int i : p_.fit) in_fit[static_cast<std::size_t>(i)] = 1;
    const bool estimated = f_.estimate_evaluation >= 0;
    const Evaluation* at = estimated ? &ev_[f_.estimate_evaluation] : nullptr;
    for (Eigen::Index i = 0; i < M; ++i) {
      const Target& t = p_.targets[static_cast<std::size_t>(i)];
      target.push_back(t.value);
      se.push_back(t.se);
      to_model.push_back(t.to_model);
      date.push_back(t.date);
      date_label.push_back(t.date_label);
      unit.push_back(t.unit);
      series.push_back(t.series);
      outcome.push_back(t.outcome);
      source.push_back(t.source);
      conversion.push_back(t.conversion);
      const double mean = at ? at->mean[i] : kNaN;
      const double sim_var = at && f_.sim_covariance.rows() == M ? f_.sim_covariance(i, i) : kNaN;
      fitted.push_back(mean);
      fitted_se.push_back(std::sqrt(sim_var / p_.spec.replications));
      residual.push_back(kNaN);
    }
    for (std::size_t k = 0; k < p_.fit.size() && estimated; ++k) {
      const auto i = static_cast<std::size_t>(p_.fit[k]);
      const auto kk = static_cast<Eigen::Index>(k);
      residual[i] = (fitted[i] - target[i]) / std::sqrt(f_.omega(kk, kk));
    }
    const std::vector<std::string> d{"moment"};
    vec("moment_target", d, "published value", "see moment_unit", target);
    vec("moment_target_se", d, "standard error of the published value", "see moment_unit", se);
    vec("moment_to_model", d, "factor: model units = published units * moment_to_model", "1", to_model);
    vec("moment_date", d, "end of the period the figure covers, decimal year", "year", date);
    layout_.variable<std::int8_t>("moment_in_fit", d, {"1: dated on or before fit_until and fitted; 0: out of sample", "1"},
                                  Storage::Contiguous)
        .write(std::span<const std::int8_t>(in_fit));
    vec("moment_fitted", d, "the model's mean over replicates at the estimate, in the published unit", "see moment_unit",
        fitted);
    vec("moment_fitted_se", d, "standard error of moment_fitted across replicates", "see moment_unit", fitted_se);
    vec("moment_std_residual", d, "(fitted - target) / sqrt(Omega_mm); NaN out of sample", "1", residual);
    vec("moment_prediction_lower", d, "5% point over parameter draws and seeds", "see moment_unit",
        flat(f_.prediction_lower, M));
    vec("moment_prediction_median", d, "median over parameter draws and seeds", "see moment_unit",
        flat(f_.prediction_median, M));
    vec("moment_prediction_upper", d, "95% point over parameter draws and seeds", "see moment_unit",
        flat(f_.prediction_upper, M));
    text("moment_date_label", d, "end of the period the figure covers", date_label);
    text("moment_unit", d, "unit of the published value", unit);
    text("moment_series", d, "the published series the figure belongs to", series);
    text("moment_outcome", d, "the model outcome compared with it ([[outcome]] of the calibration)", outcome);
    text("moment_source", d, "source of the published value", source);
    text("moment_conversion", d, "how moment_to_model was obtained", conversion);
  }

  void matrices(Eigen::Index P, Eigen::Index M) {
    const std::vector<std::string> mp{"moment", "parameter"}, mm{"moment", "moment2"}, pp{"parameter", "parameter2"};
    vec("covariance", pp, "covariance of the estimates (sandwich, Jacobian at jacobian_step)", "1",
        flat(f_.estimates[0].covariance, P, P));
    vec("correlation", pp, "correlation of the estimates", "1", flat(f_.estimates[0].correlation, P, P));
    vec("jacobian", mp, "d moment / d parameter at the estimate, local regression at jacobian_step", "1",
        flat(f_.jacobian[0].G, M, P));
    vec("jacobian_se", mp, "standard error of each entry of jacobian", "1", flat(f_.jacobian[0].G_se, M, P));
    vec("jacobian_large_step", mp, "d moment / d parameter at the estimate, local regression at jacobian_large_step",
        "1", flat(f_.jacobian[1].G, M, P));
    vec("pilot_jacobian", mp, "d moment / d parameter at the starting point (identification)", "1",
        flat(f_.pilot_jacobian.G, M, P));
    vec("scaled_jacobian", mp, "W^(1/2) G diag(upper - lower) at the starting point; NaN rows out of sample", "1",
        flat(spread_rows(p_, f_.identification.scaled_jacobian, P), M, P));
    vec("screen_src", mp, "standardised regression coefficient of the moment on the parameter over the global screen",
        "1", flat(f_.screen.src, M, P));
    vec("screen_r_squared", {"moment"}, "R^2 of the screen's regression of the moment on the parameters", "1",
        flat(f_.screen.r_squared, M));
    vec("singular_values", {"parameter"}, "singular values of scaled_jacobian, descending", "1",
        flat(f_.identification.singular_values, P));
    vec("omega", mm, "Omega = Omega_data + Omega_sim / R at the estimate; NaN outside the fit block",
        "see moment_unit (squared)", flat(spread_square(p_, f_.omega), M, M));
    vec("weighting", mm, "weighting matrix of the final step; NaN outside the fit block", "1",
        flat(spread_square(p_, f_.weighting), M, M));
  }

  void evaluations(Eigen::Index P, Eigen::Index M, Eigen::Index E, int R) {
    std::vector<double> theta, objective, moments, by_replicate;
    std::vector<std::int8_t> stage;
    for (Eigen::Index e = 0; e < E; ++e) {
      const Evaluation& ev = ev_[static_cast<int>(e)];
      for (Eigen::Index j = 0; j < P; ++j) theta.push_back(ev.theta[j]);
      for (Eigen::Index i = 0; i < M; ++i) moments.push_back(ev.mean[i]);
      for (int r = 0; r < R; ++r) {
        for (Eigen::Index i = 0; i < M; ++i) by_replicate.push_back(ev.by_replicate(r, i));
      }
      objective.push_back(static_cast<std::size_t>(e) < f_.objective.size() ? f_.objective[static_cast<std::size_t>(e)]
                                                                             : kNaN);
      stage.push_back(static_cast<std::int8_t>(ev.stage));
    }
    vec("evaluation_theta", {"evaluation", "parameter"}, "the evaluated point", "1", theta, Storage::Compressed);
    vec("evaluation_objective", {"evaluation"}, "objective (final weighting, priors included)", "1", objective,
        Storage::Compressed);
    vec("evaluation_moments", {"evaluation", "moment"}, "mean over replicates of the moments, in the published units",
        "see moment_unit", moments, Storage::Compressed);
    vec("evaluation_moments_by_replicate", {"evaluation", "replicate", "moment"},
        "the moments of each replicate, in the published units", "see moment_unit", by_replicate, Storage::Compressed);
    auto& s = layout_.variable<std::int8_t>("evaluation_stage", {"evaluation"}, {"stage that asked for the point", "1"},
                                            Storage::Compressed);
    s.write(std::span<const std::int8_t>(stage));
    nc::describe_codes<std::int8_t>(s, {"pilot", "screen", "global", "local", "jacobian", "draws"}, "stage");
  }

  void draws(Eigen::Index P, Eigen::Index M, Eigen::Index D) {
    std::vector<double> theta, moments;
    for (const int id : f_.draw_evaluations) {
      const Evaluation& e = ev_[id];
      for (Eigen::Index j = 0; j < P; ++j) theta.push_back(e.theta[j]);
      for (Eigen::Index i = 0; i < M; ++i) moments.push_back(e.mean[i]);
    }
    (void)D;
    vec("draw_theta", {"draw", "parameter"}, "parameter set drawn from N(estimate, covariance) within the bounds", "1",
        theta);
    vec("draw_moments", {"draw", "moment"}, "mean over replicates of the moments at the draw", "see moment_unit",
        moments);
  }

  hid_t file_;
  const Problem& p_;
  const Evaluator& ev_;
  const FitResult& f_;
  nc::Layout layout_;
};

}  // namespace

void write_fit(const std::string& path, const Problem& problem, const Evaluator& evaluator, const FitResult& fit,
               const output::Provenance& provenance, double wall_seconds, bool overwrite) {
  h5::use_library();
  h5::QuietErrors quiet;
  output::AtomicTarget target(path, overwrite);
  h5::Handle file;
  std::optional<FitWriter> writer;
  try {
    file = nc::create_file(target.temp_path());
    writer.emplace(file.get(), problem, evaluator, fit);
    writer->attributes(provenance, wall_seconds);
    writer->define();
    output::mark_complete(file.get(), output::utc_now());
    h5::check(H5Fflush(file.get(), H5F_SCOPE_GLOBAL), "flush");
    writer->close();
    writer.reset();
    file.close();
  } catch (const OutputError& e) {
    if (file.valid()) h5::divert_writes(file.get());
    writer.reset();
    file.reset();
    throw OutputError(fmt::format("cannot write {}: {}", path, e.what()));
  } catch (...) {
    if (file.valid()) h5::divert_writes(file.get());
    writer.reset();
    file.reset();
    throw;
  }
  target.commit();
}

}  // namespace relocsim::calibrate
