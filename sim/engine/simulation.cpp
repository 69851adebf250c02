#include "relocsim/engine/simulation.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include <boost/random/normal_distribution.hpp>

#include "relocsim/engine/aggregates.hpp"
#include "relocsim/engine/blocks.hpp"
#include "relocsim/engine/error.hpp"
#include "relocsim/engine/rng.hpp"
#include "relocsim/engine/taste_gap.hpp"

namespace relocsim {
namespace {

// Lognormal with the given mean and standard deviation (months), from a
// normal draw; 0 when the mean is 0.
double lognormal_months(double mean, double sd, FirmStream& stream) {
  if (mean <= 0) return 0;
  const double s2 = std::log1p((sd * sd) / (mean * mean));
  boost::random::normal_distribution<double> normal(std::log(mean) - 0.5 * s2, std::sqrt(s2));
  return std::exp(normal(stream));
}

}  // namespace

// A firm id no firm has: the key of the world's own random stream (disruptions).
constexpr std::uint64_t kWorldStream = ~std::uint64_t{0};

Simulation::Simulation(ModelSpec spec) : Simulation(start(std::move(spec), nullptr)) {}

Simulation::Simulation(ModelSpec spec, PopulationCache& populations)
    : Simulation(start(std::move(spec), &populations)) {}

Simulation::Start Simulation::start(ModelSpec spec, PopulationCache* populations) {
  check_spec(spec);
  if (populations != nullptr) {
    const auto built = populations->get(spec);
    return {std::move(spec), built->firms, built->supply};
  }
  BuiltPopulation built = build_population(population_inputs(spec));
  return {std::move(spec), std::move(built.firms), std::move(built.supply)};
}

Simulation::Simulation(Start start)
    : spec_(std::move(start.spec)),
      network_(spec_),
      routes_(network_.routes()),
      firms_(std::move(start.firms)),
      supply_(std::move(start.supply)),
      pli_(spec_),
      policy_(spec_),
      beliefs_(spec_),
      peers_(spec_, firms_.home, firms_.sector),
      learning_(spec_),
      subsidy_(spec_) {
  const auto S = spec_.sites.size(), K = spec_.sectors.size();
  for (const auto& s : spec_.sites) base_wages_.push_back(s.wage);
  wages_ = base_wages_;
  capacity_.assign(S * K, 0.0);
  proximity_.reset(firms_.size(), supply_.most_partners());
  main_bloc_.assign(firms_.size(), -1);
  pli_paid_step_.assign(K, 0);
  compute_proximity();
  // Twice: unit costs depend on agglomeration, which depends on the capacity
  // the first pass sums.
  update_markets();
  update_markets();
  learning_.set_initial_output(capacity_);
  initial_employment_.assign(S, 0);
  // update_markets() filled record_ with the initial totals; keep the baselines
  // that wages and the PLI's "incremental" are measured against.
  for (std::size_t s = 0; s < S; ++s)
    for (std::size_t k = 0; k < K; ++k) initial_employment_[s] += record_.employment[s * K + k];
  india_base_jobs_.assign(K, 0);
  india_base_output_.assign(K, 0);
  for (std::size_t s = 0; s < S; ++s) {
    if (spec_.sites[s].bloc != Bloc::India) continue;
    for (std::size_t k = 0; k < K; ++k) {
      india_base_jobs_[k] += record_.employment[s * K + k];
      india_base_output_[k] += record_.capacity[s * K + k];
    }
  }
  record_step();
}

double Simulation::year() const { return spec_.run.start_year + static_cast<double>(step_) / spec_.run.steps_per_year; }

WorldView Simulation::world_view() const {
  return WorldView{routes_,   wages_,    pli_, policy_, beliefs_, spec_.params.herding ? &peers_ : nullptr,
                   capacity_, learning_.factor(), subsidy_, year()};
}

ValuationTables Simulation::valuation_tables() const { return make_valuation_tables(spec_, world_view()); }

std::array<float, kNumBlocs> Simulation::proximity(std::size_t firm) const { return proximity_[firm]; }

void Simulation::run(Observer& observer, const RunControl& control) {
  // Record 0 was made with every part; from the first step on, only those asked for.
  record_parts_ = observer.wants();
  observer.on_start(run_start());
  observer.on_step(record_);
  while (step_ < spec_.run.steps) {
    step();
    observer.on_step(record_);
    if (control.progress) control.progress(step_, spec_.run.steps);
    if (control.stop != nullptr && control.stop->load() && step_ < spec_.run.steps)
      throw Interrupted("interrupted after step " + std::to_string(step_) + " of " +
                        std::to_string(spec_.run.steps));
  }
  observer.on_end(firm_table());
}

// The phases of docs/ODD.md section 3. Dated levers, disruptions and beliefs
// change first; the valuation tables then fix the state every firm decides on.
void Simulation::step() {
  // The last record's events and choices were observed: the events' buffer
  // becomes this step's list (decide_and_apply refills it), so its pages are
  // not faulted in afresh each step and a step holds its events once.
  events_.swap(record_.events);
  std::vector<ChoiceRow>().swap(record_.choices);
  apply_events_and_shocks();
  const ValuationTables tables = valuation_tables();
  // events_ holds the last step's events now: their completions are the
  // plants that opened since the last proximity pass.
  update_proximity(events_);
#ifdef RELOCSIM_CHECKS
  check_proximity();
#endif
  decide_and_apply(tables);
  pay_pli();
  if (spec_.params.herding) peers_.update(events_, firms_.home, firms_.sector);
  ++step_;
  update_markets();
  record_step();
#ifdef RELOCSIM_CHECKS
  check_invariants();
#endif
}

void Simulation::apply_events_and_shocks() {
  const auto& p = spec_.params;
  const double now = year();
  disruption_.fill(0);
  // Events dated up to the step's start take effect now.
  const auto applied = policy_.apply_due(now + 1e-9, network_);
  if (applied.network_changed) routes_ = network_.routes();
  if (!p.disruptions) return;
  beliefs_.fade();
  for (const auto& [bloc, severity] : applied.disruptions) disruption_[bloc] = std::max(disruption_[bloc], severity);
  // Random disruptions strike each bloc with its hazard per step, from the
  // world's own stream, so every scenario on a seed meets the same ones.
  const auto u = uniforms4(spec_.run.seed, kWorldStream, static_cast<std::uint64_t>(step_ + 1), Purpose::Disruption);
  for (int b = 0; b < kNumBlocs; ++b)
    if (u[b] < p.hazard[b] / spec_.run.steps_per_year) disruption_[b] = std::max(disruption_[b], 1.0);
  for (int b = 0; b < kNumBlocs; ++b)
    if (disruption_[b] > 0) beliefs_.disruption(b, disruption_[b]);
  beliefs_.export_control(applied.export_control_severity);
}

std::int8_t Simulation::main_bloc_of(std::size_t f) const {
  const int s = firms_.main_site(f);
  return static_cast<std::int8_t>(s < 0 ? -1 : static_cast<int>(spec_.sites[s].bloc));
}

void Simulation::compute_proximity() {
  for_each_block(firms_.size(), 0, [&](std::size_t first, std::size_t last, int&) {
    for (std::size_t f = first; f < last; ++f) main_bloc_[f] = main_bloc_of(f);
  });
  if (!spec_.params.supplier_proximity) return;
  for_each_block(firms_.size(), 0, [&](std::size_t first, std::size_t last, int&) {
    for (std::size_t f = first; f < last; ++f) proximity_.set(f, supply_.partner_counts(f, main_bloc_));
  });
}

// Only plants that opened since the last step can move a firm's main bloc,
// and only a partner's main bloc moves a firm's proximity: recompute those,
// from the same function of the same state, so the values are those of a
// full pass. A plant opens only with a completion event, so the last step's
// events name the firms, and no list of them is kept besides.
void Simulation::update_proximity(std::span<const Event> last_step_events) {
  auto opened = [](const Event& e) {
    return e.kind == EventKind::MoveCompleted || e.kind == EventKind::AddCompleted;
  };
  const auto n_opened =
      static_cast<std::size_t>(std::count_if(last_step_events.begin(), last_step_events.end(), opened));
  // Where many plants opened (every firm reviewing, as in the engine
  // benchmark), a full parallel pass is cheaper than sorting their partners.
  if (n_opened > firms_.size() / 16) return compute_proximity();
  const bool proximity_on = spec_.params.supplier_proximity;
  std::vector<std::uint32_t> stale;
  for (const Event& e : last_step_events) {
    if (!opened(e)) continue;
    const std::uint32_t f = e.firm;
    const std::int8_t b = main_bloc_of(f);
    if (b == main_bloc_[f]) continue;
    main_bloc_[f] = b;
    if (proximity_on) supply_.for_each_partner(f, [&](std::uint32_t other) { stale.push_back(other); });
  }
  std::sort(stale.begin(), stale.end());
  stale.erase(std::unique(stale.begin(), stale.end()), stale.end());
  for_each_block(stale.size(), 0, [&](std::size_t first, std::size_t last, int&) {
    for (std::size_t i = first; i < last; ++i) proximity_.set(stale[i], supply_.partner_counts(stale[i], main_bloc_));
  });
}

// Each firm decides on the state at the step's start, and its decision is
// applied at once: deciding reads the firm's own state and what is fixed for
// the step (tables, proximity, main blocs, disruptions), and applying writes
// the firm's own state only, so no firm sees another's decision of the step.
// One pass over the firms instead of two, and no decision kept per firm.
void Simulation::decide_and_apply(const ValuationTables& tables) {
  using Partial = DecidePartial;
  const auto& p = spec_.params;
  const auto draw_step = static_cast<std::uint64_t>(step_ + 1);
  const auto log_every = static_cast<std::size_t>(spec_.run.choice_log_every);
  // A disruption that strikes the firm's main bloc makes it reconsider sooner.
  auto review_probability = [&](std::size_t f) {
    const int b = main_bloc_[f];
    return b >= 0 && disruption_[b] > 0 ? std::max(p.review_probability, p.shock_review_probability)
                                        : p.review_probability;
  };
  auto decide = [&](std::size_t f, OptionSet& options, Partial& c) {
    Decision d;
    const Project& project = firms_.project[f];
    if (project.active()) {
      // Abandon when carrying on, with the draw that chose the project,
      // is now worth less than staying (set-up spent has no salvage value).
      if (p.abandonment)
        d.abandon = abandons(tables, view_of(firms_, f, proximity_[f]), project);
      return d;
    }
    // Counter-based: a firm with a project under way skips its draws
    // without shifting anyone else's.
    const auto u = uniforms4(spec_.run.seed, f, draw_step, Purpose::Choice);
    if (!(u[0] < review_probability(f))) return d;
    const FirmView view = view_of(firms_, f, proximity_[f]);
    ++c.reviewing;
    options.record_parts = log_every > 0 && f % log_every == 0;
    c.evaluations += value_options(tables, view, options);
    double log_sum = 0;
    const int j = nested_logit_sample(options.utility.data(), options.ranges, tables.nests, u[1], u[2],
                                      options.scratch.data(), &log_sum);
    if (j > 0) {
      d.site = options.site[j];
      d.kind = options.kind[j];
      d.taste_gap = static_cast<float>(taste_gap(tables, view, options, j, log_sum, f, draw_step));
    }
    if (options.record_parts) log_choice(f, options, j, c.choices);
    return d;
  };

  const double months = 12.0 / spec_.run.steps_per_year;
  const int step = step_ + 1;
  const double add_share = tables.add_share;
  auto event = [&](std::size_t f, EventKind kind, const Project& pr) {
    return Event{static_cast<std::uint32_t>(f), static_cast<std::int16_t>(firms_.main_site(f)), pr.site, kind,
                 pr.kind};
  };
  // Each block writes its events into the step's list from
  // kMaxEventsPerFirmStep times its first firm on, and the blocks' runs are
  // then moved together in block order: the events are held once, and the
  // part of the bound no firm used is never touched (EventList does not
  // initialise it).
  auto push_event = [&](Partial& out, const Event& e) {
    if (out.n_events == out.max_events) throw std::logic_error("a block of firms made more events than its bound");
    events_[out.first_event + out.n_events++] = e;
  };
  const auto& subsidy = p.japan_subsidy;
  auto complete = [&](std::size_t f, Partial& out) {
    Project& pr = firms_.project[f];
    auto& plants = firms_.plants[f];
    const float share = pr.share(add_share);
    push_event(out, event(f, pr.kind == ProjectKind::Move ? EventKind::MoveCompleted : EventKind::AddCompleted, pr));
    if (pr.subsidised)
      out.grants += subsidy.share * spec_.sectors[firms_.sector[f]].setup_cost * firms_.capacity(f) * share;
    if (pr.kind == ProjectKind::Move) {
      plants = {};
      plants[0] = Plant{pr.site, 1.0F};
    } else {
      for (auto& plant : plants)
        if (plant.site >= 0) plant.share *= 1 - share;
      for (auto& plant : plants)
        if (plant.site < 0) {
          plant = Plant{pr.site, share};
          break;
        }
    }
    pr = Project{};
  };
  const double now = year();
  auto apply = [&](std::size_t f, const Decision& d, Partial& out) {
    Project& pr = firms_.project[f];
    if (d.abandon) {
      push_event(out, event(f, EventKind::Abandoned, pr));
      pr = Project{};
    } else if (pr.active()) {
      double left = months;
      const double approval = std::min<double>(left, pr.approval_left);
      pr.approval_left -= static_cast<float>(approval);
      left -= approval;
      if (pr.approval_left <= 0) pr.build_left -= static_cast<float>(left);
      if (pr.approval_left <= 0 && pr.build_left <= 0) complete(f, out);
    }
    if (d.site < 0) return;
    const auto& site = spec_.sites[d.site];
    Project started;
    started.site = d.site;
    started.kind = d.kind;
    started.taste_gap = d.taste_gap;
    started.subsidised = firms_.home[f] == subsidy_.home() && main_bloc_[f] >= 0 &&
                         firms_.bloc_shares(f, tables.site_bloc)[static_cast<int>(Bloc::China)] > 0 &&
                         subsidy_.qualifies(site.bloc, now);
    if (p.approval_delays) {
      FirmStream stream(spec_.run.seed, f, static_cast<std::uint64_t>(step), Purpose::ApprovalDelay);
      const double factor = tables.delay_factor[d.site];
      started.approval_left = static_cast<float>(
          lognormal_months(site.approval_mean_months * factor, site.approval_sd_months * factor, stream));
      started.build_left = static_cast<float>(spec_.sectors[firms_.sector[f]].build_months);
    }
    pr = started;
    push_event(out, event(f, d.kind == ProjectKind::Move ? EventKind::MoveStarted : EventKind::AddStarted, pr));
    if (!p.approval_delays) complete(f, out);
  };

  // The blocks' lists of logged choices are kept from step to step and
  // cleared, not freed: their pages stay mapped.
  auto& parts = decide_parts_;
  events_.clear();
  events_.resize(kMaxEventsPerFirmStep * firms_.size());
  for_each_block_into(firms_.size(), parts, [&](std::size_t first, std::size_t last, Partial& c) {
    c.clear();
    c.first_event = kMaxEventsPerFirmStep * first;
    c.max_events = kMaxEventsPerFirmStep * (last - first);
    OptionSet options;
    options.reserve(tables.n_sites);
    for (std::size_t f = first; f < last; ++f) apply(f, decide(f, options, c), c);
  });

  std::int64_t evaluations = 0;
  int reviewing = 0;
  std::size_t n_events = 0;
  for (const auto& part : parts) {
    // Leftwards: every earlier block's run is no longer than its bound.
    if (part.first_event != n_events)
      std::copy_n(events_.begin() + static_cast<std::ptrdiff_t>(part.first_event), part.n_events,
                  events_.begin() + static_cast<std::ptrdiff_t>(n_events));
    n_events += part.n_events;
  }
  events_.resize(n_events);
  record_.choices.clear();
  double grants = 0;
  for (auto& part : parts) {
    evaluations += part.evaluations;
    reviewing += part.reviewing;
    for (auto& row : part.choices) {
      // Situations are numbered in firm order, so the numbers do not depend on threads.
      if (record_.choices.empty() || row.firm != record_.choices.back().firm) ++choice_situations_;
      row.situation = static_cast<std::int32_t>(choice_situations_ - 1);
      record_.choices.push_back(row);
    }
    grants += part.grants;
  }
  evaluations_ += evaluations;
  record_.firms_reviewing = reviewing;
  const double before = subsidy_.remaining();
  subsidy_.settle(grants, 1.0 / spec_.run.steps_per_year);
  subsidy_paid_step_ = before - subsidy_.remaining();
}

double Simulation::taste_gap(const ValuationTables& tables, const FirmView& firm, const OptionSet& options, int chosen,
                             double log_sum, std::size_t f, std::uint64_t draw_step) const {
  const double scale = tables.logit_scale;
  // With no scale the choice ignores values, so no change in value can undo it.
  if (!(scale > 0)) return std::numeric_limits<float>::max();
  const auto u = uniforms4(spec_.run.seed, f, draw_step, Purpose::TasteGap);
  const double gap = draw_taste_gap(log_sum, options.utility[0], options.utility[chosen], u[0], u[1]);
  return gap / scale + peers_value(tables, firm, options.site[chosen], options.kind[chosen]);
}

void Simulation::log_choice(std::size_t firm, const OptionSet& options, int chosen,
                            std::vector<ChoiceRow>& out) const {
  for (int j = 0; j < options.count; ++j) {
    const ValueParts& v = options.parts[j];
    out.push_back(ChoiceRow{0, step_ + 1, static_cast<std::uint32_t>(firm), options.site[j],
                            static_cast<std::int8_t>(options.kind[j]), static_cast<std::int8_t>(options.nest[j]),
                            static_cast<std::int8_t>(j == chosen), options.value[j], v.operating, v.pli, v.peers,
                            v.setup, v.waiting});
  }
}

void Simulation::pay_pli() {
  const auto K = spec_.sectors.size();
  std::fill(pli_paid_step_.begin(), pli_paid_step_.end(), 0.0);
  if (!spec_.params.pli_enabled || pli_.count() == 0) return;
  const double now = year(), dt = 1.0 / spec_.run.steps_per_year;
  std::vector<Bloc> site_bloc;
  for (const auto& s : spec_.sites) site_bloc.push_back(s.bloc);
  // The base is the Indian capacity when the base date falls in this step
  // (or the initial state, when the base date is at or before the start).
  std::vector<std::uint8_t> rebase(K, 0);
  // A scheme pays only in its years (PliPrograms::claim is 0 outside them):
  // a firm whose sector's scheme neither pays nor rebases now claims 0
  // without its Indian capacity being worked out, and in a step where no
  // scheme does (every step after the schemes end) no firm is visited.
  std::vector<std::uint8_t> visit(K, 0);
  bool any_visit = false;
  for (int i = 0; i < pli_.count(); ++i) {
    const auto& s = pli_.spec(i);
    rebase[s.sector] = s.base_year > spec_.run.start_year && s.base_year >= now && s.base_year < now + dt;
    visit[s.sector] = rebase[s.sector] || pli_.year_index(i, now) >= 0;
    any_visit = any_visit || visit[s.sector];
  }
  auto claim = [&](std::size_t f) {
    const int k = firms_.sector[f];
    const int scheme = pli_.scheme_of(k);
    if (scheme < 0 || !visit[k]) return 0.0;
    const double india = firms_.capacity(f) * firms_.bloc_shares(f, site_bloc)[static_cast<int>(Bloc::India)];
    if (rebase[k]) firms_.india_base[f] = static_cast<float>(india);
    return pli_.claim(scheme, now, dt, india - firms_.india_base[f], firms_.capacity(f) / firms_.firm_size[f],
                      firms_.domestic(f), spec_.sectors[k].capital_per_unit);
  };
  // Each firm's claim is computed once: the few firms that claim keep theirs
  // (by block, in firm order) for the payment at the settled fraction.
  struct Claims {
    std::vector<double> by_sector;
    std::vector<std::pair<std::uint32_t, double>> positive;
  };
  std::vector<Claims> parts;
  if (any_visit)
    parts = for_each_block(firms_.size(), Claims{std::vector<double>(K, 0.0), {}},
                           [&](std::size_t first, std::size_t last, Claims& out) {
                             for (std::size_t f = first; f < last; ++f) {
                               const double c = claim(f);
                               out.by_sector[firms_.sector[f]] += c;
                               if (c > 0) out.positive.emplace_back(static_cast<std::uint32_t>(f), c);
                             }
                           });
  std::vector<double> claims(K, 0.0);
  for (const auto& part : parts) add_into(claims, part.by_sector);
  std::vector<double> fraction(K, 0.0);
  for (std::size_t k = 0; k < K; ++k) {
    const int scheme = pli_.scheme_of(static_cast<int>(k));
    if (scheme < 0) continue;
    fraction[k] = pli_.settle(scheme, claims[k], now, dt);
    pli_paid_step_[k] = pli_.disburse(scheme, now + dt);
  }
  for (const auto& part : parts)
    for (const auto& [f, c] : part.positive) firms_.pli_received[f] += c * fraction[firms_.sector[f]];
}

void Simulation::update_markets() {
  const auto S = spec_.sites.size(), K = spec_.sectors.size();
  const ValuationTables tables = make_cost_tables(spec_, world_view());
  std::vector<double> workers, productivity(S * K);
  for (const auto& k : spec_.sectors) workers.push_back(k.workers_per_unit);
  for (std::size_t s = 0; s < S; ++s)
    for (std::size_t k = 0; k < K; ++k)
      productivity[s * K + k] = spec_.sites[s].productivity * learning_.factor()[s * K + k];
  const SiteSectorTotals totals = compute_totals(firms_, tables, proximity_, workers, productivity, record_parts_);
  // Output of the step just ended teaches the sites that produced it.
  if (step_ > 0) learning_.add_output(totals.capacity, 1.0 / spec_.run.steps_per_year);
  capacity_ = totals.capacity;
  record_.capacity = totals.capacity;
  record_.sales = totals.sales;
  record_.employment = totals.employment;
  record_.plants = totals.plants;
  record_.projects_pending = totals.pending;
  // Unit cost by bloc and sector, capacity-weighted, at the wages firms faced.
  record_.mean_unit_cost.clear();
  if (record_parts_.mean_unit_cost) {
    record_.mean_unit_cost.assign(kNumBlocs * K, 0);
    for (int b = 0; b < kNumBlocs; ++b)
      for (std::size_t k = 0; k < K; ++k) {
        const auto bloc = static_cast<Bloc>(b);
        const double cap = totals.bloc_sector(totals.capacity, tables.site_bloc, bloc, static_cast<int>(k));
        const double cost = totals.bloc_sector(totals.cost, tables.site_bloc, bloc, static_cast<int>(k));
        record_.mean_unit_cost[b * K + k] = cap > 0 ? cost / cap : std::nan("");
      }
  }
  // Wages for the next step: trend growth, and pressure from employment
  // gained (or lost) since the start relative to the site's labour pool.
  const double years = year() - spec_.run.start_year;
  for (std::size_t s = 0; s < S; ++s) {
    const auto& site = spec_.sites[s];
    double pressure = 1;
    if (spec_.params.wage_feedback && !initial_employment_.empty()) {
      const double change = (totals.site_employment(static_cast<int>(s)) - initial_employment_[s]) / site.labour_pool;
      pressure = std::clamp(1 + spec_.params.wage_pressure * change, 0.5, 3.0);
    }
    wages_[s] = base_wages_[s] * std::pow(1 + site.wage_growth, years) * pressure;
  }
}

void Simulation::record_step() {
  const auto S = spec_.sites.size(), K = spec_.sectors.size();
  record_.step = step_;
  record_.year = year();
  record_.wage = wages_;
  record_.events.swap(events_);  // the record takes the step's events without a copy
  events_.clear();
  auto zeros = [&](std::vector<std::int32_t>& v) { v.assign(S, 0); };
  zeros(record_.moves_started);
  zeros(record_.additions_started);
  zeros(record_.moves_completed);
  zeros(record_.additions_completed);
  zeros(record_.abandoned);
  for (const auto& e : record_.events) {
    switch (e.kind) {
      case EventKind::MoveStarted: ++record_.moves_started[e.to_site]; break;
      case EventKind::AddStarted: ++record_.additions_started[e.to_site]; break;
      case EventKind::MoveCompleted: ++record_.moves_completed[e.to_site]; break;
      case EventKind::AddCompleted: ++record_.additions_completed[e.to_site]; break;
      case EventKind::Abandoned: ++record_.abandoned[e.to_site]; break;
    }
  }
  record_.pli_paid = pli_paid_step_;
  record_.pli_committed_cumulative.assign(K, 0);
  record_.hazard_belief.assign(kNumBlocs * K, 0);
  for (int b = 0; b < kNumBlocs; ++b)
    for (std::size_t k = 0; k < K; ++k) record_.hazard_belief[b * K + k] = beliefs_.hazard(static_cast<int>(k), b);
  record_.disruption.assign(disruption_.begin(), disruption_.end());
  record_.learning_factor = learning_.factor();
  record_.export_control_severity = policy_.export_control_severity();
  record_.japan_subsidy_paid = subsidy_paid_step_;
  record_.japan_subsidy_remaining = subsidy_.remaining();
  record_.pli_paid_cumulative.assign(K, 0);
  record_.pli_remaining.assign(K, 0);
  record_.india_incremental_jobs.assign(K, 0);
  record_.india_incremental_output.assign(K, 0);
  record_.pli_cost_per_job.assign(K, std::nan(""));
  record_.pli_cost_per_unit.assign(K, std::nan(""));
  record_.capacity_share.assign(kNumBlocs * K, 0);
  record_.capacity_hhi.assign(K, 0);
  for (std::size_t k = 0; k < K; ++k) {
    double jobs = 0, output = 0, total = 0;
    std::array<double, kNumBlocs> bloc{};
    std::vector<double> country(spec_.countries.size(), 0);
    for (std::size_t s = 0; s < S; ++s) {
      const double cap = record_.capacity[s * K + k];
      total += cap;
      bloc[static_cast<int>(spec_.sites[s].bloc)] += cap;
      country[spec_.country_index(spec_.sites[s].country)] += cap;
      if (spec_.sites[s].bloc == Bloc::India) {
        jobs += record_.employment[s * K + k];
        output += cap;
      }
    }
    record_.india_incremental_jobs[k] = india_base_jobs_.empty() ? 0 : jobs - india_base_jobs_[k];
    record_.india_incremental_output[k] = india_base_output_.empty() ? 0 : output - india_base_output_[k];
    const int scheme = pli_.scheme_of(static_cast<int>(k));
    if (scheme >= 0) {
      record_.pli_paid_cumulative[k] = pli_.paid_cumulative(scheme);
      record_.pli_committed_cumulative[k] = pli_.committed_cumulative(scheme);
      record_.pli_remaining[k] = pli_.remaining(scheme);
      // Per job and unit, the budget committed so far (paid or falling due).
      if (record_.india_incremental_jobs[k] > 0)
        record_.pli_cost_per_job[k] = record_.pli_committed_cumulative[k] / record_.india_incremental_jobs[k];
      if (record_.india_incremental_output[k] > 0)
        record_.pli_cost_per_unit[k] = record_.pli_committed_cumulative[k] / record_.india_incremental_output[k];
    }
    double hhi = 0;
    for (double c : country) hhi += total > 0 ? (c / total) * (c / total) : 0;
    record_.capacity_hhi[k] = hhi;
    for (int b = 0; b < kNumBlocs; ++b) record_.capacity_share[b * K + k] = total > 0 ? bloc[b] / total : 0;
  }
}

// update_proximity() recomputes only around firms whose plants changed: it
// must give what a full pass gives, to the bit.
void Simulation::check_proximity() const {
  for (std::size_t f = 0; f < firms_.size(); ++f) {
    if (main_bloc_[f] != main_bloc_of(f)) invariant_broken("firm " + std::to_string(f) + "'s main bloc not updated");
    if (spec_.params.supplier_proximity && proximity_[f] != supply_.partner_blocs(f, main_bloc_))
      invariant_broken("firm " + std::to_string(f) + "'s partner shares not updated");
  }
}

void Simulation::invariant_broken(const std::string& what) const {
  throw Error("engine invariant broken at step " + std::to_string(step_) + ": " + what);
}

void Simulation::check_invariants() const {
  double firm_capacity = 0, site_capacity = 0;
  for (std::size_t f = 0; f < firms_.size(); ++f) {
    double share = 0;
    for (const auto& p : firms_.plants[f])
      if (p.site >= 0) share += p.share;
    if (std::abs(share - 1) > 1e-4) invariant_broken("firm " + std::to_string(f) + " plant shares sum to " + std::to_string(share));
    if (!std::isfinite(firms_.pli_received[f]) || firms_.pli_received[f] < 0)
      invariant_broken("firm " + std::to_string(f) + " PLI received");
    firm_capacity += firms_.capacity(f) * share;
  }
  for (double c : record_.capacity) site_capacity += c;
  if (std::abs(firm_capacity - site_capacity) > 1e-6 * firm_capacity) invariant_broken("capacity not conserved");
  for (int i = 0; i < pli_.count(); ++i)
    if (!(pli_.remaining(i) >= 0) || pli_.paid_cumulative(i) > pli_.spec(i).outlay * (1 + 1e-12))
      invariant_broken("PLI outlay overspent");
  if (!(subsidy_.remaining() >= 0)) invariant_broken("Japan's subsidy budget negative");
  for (double c : record_.capacity)
    if (!std::isfinite(c) || c < 0) invariant_broken("capacity not finite and non-negative");
  for (double e : record_.employment)
    if (!std::isfinite(e) || e < 0) invariant_broken("employment not finite and non-negative");
  for (double h : record_.hazard_belief)
    if (!(h >= 0 && h <= 1)) invariant_broken("hazard belief outside [0,1]");
  for (double w : wages_)
    if (!(std::isfinite(w) && w > 0)) invariant_broken("wage not finite and positive");
}

RunStart Simulation::run_start() const {
  RunStart start{spec_, spec_.run.steps + 1, {}, {}};
  for (const auto& r : routes_) {
    start.route_cost.push_back(r.cost);
    start.route_days.push_back(r.days);
  }
  return start;
}

FirmTable Simulation::firm_table() const {
  const auto n = firms_.size();
  FirmTable t;
  t.sector = firms_.sector;
  t.home = firms_.home;
  t.capacity.resize(n);
  for (std::size_t f = 0; f < n; ++f) t.capacity[f] = firms_.capacity(f);
  t.productivity.assign(firms_.productivity.begin(), firms_.productivity.end());
  t.plant_site.resize(n * kMaxPlants);
  t.plant_share.resize(n * kMaxPlants);
  t.project_site.resize(n);
  t.project_kind.resize(n);
  t.project_share.resize(n);
  t.project_months_left.resize(n);
  t.pli_received = firms_.pli_received;
  for (std::size_t f = 0; f < n; ++f) {
    for (int j = 0; j < kMaxPlants; ++j) {
      t.plant_site[f * kMaxPlants + j] = firms_.plants[f][j].site;
      t.plant_share[f * kMaxPlants + j] = firms_.plants[f][j].site >= 0 ? firms_.plants[f][j].share : 0.0;
    }
    const Project& p = firms_.project[f];
    t.project_site[f] = p.site;
    t.project_kind[f] = static_cast<std::int8_t>(p.kind);
    t.project_share[f] = p.active() ? p.share(spec_.params.add_share) : 0.0;
    t.project_months_left[f] = p.active() ? std::max(0.0F, p.approval_left) + std::max(0.0F, p.build_left) : 0.0;
  }
  return t;
}

}  // namespace relocsim
