#include "relocsim/sweep/outcomes.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "relocsim/engine/error.hpp"

namespace relocsim::sweep {
namespace {

constexpr int kIndia = static_cast<int>(Bloc::India);
constexpr int kAsean = static_cast<int>(Bloc::ASEAN);
constexpr int kChina = static_cast<int>(Bloc::China);

// Sum over the sites of one bloc of a [site][sector] array, by sector.
std::vector<double> bloc_total(const std::vector<double>& by_site_sector, const std::vector<std::int8_t>& site_bloc,
                               int bloc, std::size_t sectors) {
  std::vector<double> out(sectors, 0.0);
  for (std::size_t s = 0; s < site_bloc.size(); ++s) {
    if (site_bloc[s] != bloc) continue;
    for (std::size_t k = 0; k < sectors; ++k) out[k] += by_site_sector[s * sectors + k];
  }
  return out;
}

template <class T>
void require_same(const std::vector<T>& run, const std::vector<T>& sweep, const char* what) {
  if (run != sweep) {
    throw Error(fmt::format("this run's {} differ from the sweep's (those of the reference arm): every run of a "
                            "sweep must share the archive's axes",
                            what));
  }
}

}  // namespace

Axes axes_of(const ModelSpec& spec) {
  Axes a;
  a.records = spec.run.steps + 1;
  a.start_year = spec.run.start_year;
  a.steps_per_year = spec.run.steps_per_year;
  // The engine's own formula (Simulation::year), so the labels match a run file's.
  for (int k = 0; k < a.records; ++k) a.year.push_back(spec.run.start_year + static_cast<double>(k) / spec.run.steps_per_year);
  for (const auto& s : spec.sites) {
    a.sites.push_back(s.id);
    a.site_bloc.push_back(static_cast<std::int8_t>(s.bloc));
  }
  for (const auto& k : spec.sectors) a.sectors.push_back(k.id);
  for (const auto& m : spec.markets) a.markets.push_back(m.id);
  return a;
}

std::vector<std::string> output_names() {
  std::vector<std::string> names;
  for (const auto& o : kOutcomes) names.emplace_back(o.name);
  for (const auto& s : kSeries) names.emplace_back(s.name);
  return names;
}

std::vector<std::string> reserved_outcome_names() {
  std::vector<std::string> names;
  for (const auto& o : kOutcomes) {
    for (const char* prefix : {"", "diff_", "compare_mean_", "compare_ci_low_", "compare_ci_high_", "compare_n_"}) {
      names.push_back(prefix + std::string(o.name));
    }
  }
  for (const auto& s : kSeries) names.emplace_back(s.name);
  // The archive's own variables (archive_writer.cpp).
  for (const char* n : {"run", "design_row", "param", "arm", "replicate", "step", "site", "sector", "bloc", "market",
                        "year", "site_bloc", "design_unit", "design_value", "design_text", "param_lower",
                        "param_upper", "param_distribution", "design_role", "design_group", "run_design_row",
                        "run_replicate", "run_arm", "run_seed", "run_seed_text", "run_status", "run_error",
                        "arm_scenario", "arm_overrides", "arm_config", "sweep_definition", "input_file",
                        "input_file_sha256", "input_file_contents", "outcomes", "defined_outcome",
                        "defined_outcome_definition", "defined_outcome_long_name", "defined_outcome_units"}) {
    names.emplace_back(n);
  }
  return names;
}

std::size_t values_per_run(Shape shape, const Axes& axes) {
  const std::size_t K = axes.sectors.size(), steps = static_cast<std::size_t>(axes.records);
  switch (shape) {
    case Shape::Scalar: return 1;
    case Shape::Sector: return K;
    case Shape::StepSector: return steps * K;
    case Shape::StepBlocSector: return steps * kNumBlocs * K;
  }
  return 0;
}

void check_same_axes(const Axes& run, const Axes& sweep) {
  if (run.records != sweep.records || run.start_year != sweep.start_year ||
      run.steps_per_year != sweep.steps_per_year) {
    throw Error(fmt::format("this run has {} steps from {} at {} per year, the sweep {} from {} at {} per year: "
                            "every run of a sweep must share the archive's step axis",
                            run.records - 1, run.start_year, run.steps_per_year, sweep.records - 1,
                            sweep.start_year, sweep.steps_per_year));
  }
  require_same(run.sites, sweep.sites, "sites");
  require_same(run.site_bloc, sweep.site_bloc, "sites' blocs");
  require_same(run.sectors, sweep.sectors, "sectors");
  require_same(run.markets, sweep.markets, "markets");
}

void OutcomeObserver::on_start(const RunStart& start) {
  const ModelSpec& spec = start.spec;
  check_same_axes(axes_of(spec), axes_);
  n_sectors_ = axes_.sectors.size();
  const auto records = static_cast<std::size_t>(axes_.records);
  series_.assign(kSeries.size(), {});
  series_[0].assign(records * kNumBlocs * n_sectors_, std::numeric_limits<double>::quiet_NaN());
  series_[1].assign(records * n_sectors_, std::numeric_limits<double>::quiet_NaN());
  series_[2].assign(records * n_sectors_, std::numeric_limits<double>::quiet_NaN());
  counted_.assign(static_cast<std::size_t>(spec.population.n_firms) * kNumBlocs, 0);
  arrivals_.clear();
  add_share_ = spec.params.add_share;
}

void OutcomeObserver::on_step(const StepRecord& r) {
  const std::size_t K = n_sectors_;
  const auto step = static_cast<std::size_t>(r.step);
  if (r.step < 0 || r.step >= axes_.records) throw Error(fmt::format("step record {} outside the run", r.step));
  if (r.step == 0) {
    india_capacity_start_ = bloc_total(r.capacity, axes_.site_bloc, kIndia, K);
    asean_capacity_start_ = bloc_total(r.capacity, axes_.site_bloc, kAsean, K);
    india_jobs_start_ = bloc_total(r.employment, axes_.site_bloc, kIndia, K);
  }
  std::copy(r.capacity_share.begin(), r.capacity_share.end(), series_[0].begin() + static_cast<long>(step * kNumBlocs * K));
  std::copy(r.pli_paid_cumulative.begin(), r.pli_paid_cumulative.end(), series_[1].begin() + static_cast<long>(step * K));
  std::copy(r.india_incremental_jobs.begin(), r.india_incremental_jobs.end(),
            series_[2].begin() + static_cast<long>(step * K));
  // As the run's summary counts them: a firm counts once per bloc, when a
  // plant of it opens there and it came from another bloc.
  for (const auto& e : r.events) {
    if (e.kind != EventKind::MoveCompleted && e.kind != EventKind::AddCompleted) continue;
    const int to = axes_.site_bloc[static_cast<std::size_t>(e.to_site)];
    if (e.from_site >= 0 && axes_.site_bloc[static_cast<std::size_t>(e.from_site)] == to) continue;
    arrivals_.push_back({e.firm, to, static_cast<double>(e.share(add_share_))});
    auto& seen = counted_[static_cast<std::size_t>(e.firm) * kNumBlocs + static_cast<std::size_t>(to)];
    if (!seen) ++relocated_[static_cast<std::size_t>(to)];
    seen = 1;
  }
  capacity_end_ = r.capacity;
  employment_end_ = r.employment;
  share_end_ = r.capacity_share;
  pli_paid_end_ = r.pli_paid_cumulative;
  ++records_seen_;
}

// A firm's capacity is fixed over a run (the engine checks that capacity is
// conserved), so its capacity at the end times the share a project moved is
// the capacity that arrived.
void OutcomeObserver::on_end(const FirmTable& firms) {
  inflow_india_.assign(n_sectors_, 0.0);
  inflow_asean_.assign(n_sectors_, 0.0);
  for (const auto& a : arrivals_) {
    if (a.bloc != kIndia && a.bloc != kAsean) continue;
    const double capacity = firms.capacity.at(a.firm) * a.share;
    auto& into = a.bloc == kIndia ? inflow_india_ : inflow_asean_;
    into.at(firms.sector.at(a.firm)) += capacity;
  }
  ended_ = true;
}

RunRecord OutcomeObserver::result(long long run) const {
  if (!ended_ || records_seen_ != axes_.records) {
    throw Error(fmt::format("the run ended after {} of {} records", records_seen_, axes_.records));
  }
  const std::size_t K = n_sectors_;
  RunRecord out;
  out.run = run;
  out.status = kDone;
  out.outcomes.assign(kOutcomes.size(), {});
  auto share = [&](int bloc) {
    return std::vector<double>(share_end_.begin() + static_cast<long>(bloc * K),
                               share_end_.begin() + static_cast<long>((bloc + 1) * K));
  };
  out.outcomes[0] = share(kIndia);
  out.outcomes[1] = share(kAsean);
  out.outcomes[2] = share(kChina);
  const auto india_end = bloc_total(capacity_end_, axes_.site_bloc, kIndia, K);
  const auto asean_end = bloc_total(capacity_end_, axes_.site_bloc, kAsean, K);
  const auto jobs_end = bloc_total(employment_end_, axes_.site_bloc, kIndia, K);
  std::vector<double> moved_india(K), moved_asean(K), jobs(K), cost(K);
  for (std::size_t k = 0; k < K; ++k) {
    moved_india[k] = india_end[k] - india_capacity_start_[k];
    moved_asean[k] = asean_end[k] - asean_capacity_start_[k];
    jobs[k] = jobs_end[k] - india_jobs_start_[k];
    // Per job added: no jobs (or jobs lost) leaves nothing to divide by.
    cost[k] = jobs[k] > 0 ? pli_paid_end_[k] / jobs[k] : std::numeric_limits<double>::quiet_NaN();
  }
  out.outcomes[3] = moved_india;
  out.outcomes[4] = moved_asean;
  out.outcomes[5] = inflow_india_;
  out.outcomes[6] = inflow_asean_;
  out.outcomes[7] = jobs;
  out.outcomes[8] = pli_paid_end_;
  out.outcomes[9] = cost;
  out.outcomes[10] = {static_cast<double>(relocated_[kIndia])};
  out.outcomes[11] = {static_cast<double>(relocated_[kAsean])};
  out.series = series_;
  return out;
}

}  // namespace relocsim::sweep
