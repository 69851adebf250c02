#include "relocsim/engine/valuation.hpp"

#include <algorithm>
#include <cmath>

namespace relocsim {

namespace {

double corridor_factor(const Params& p, const std::string& corridor) {
  for (const auto& [name, factor] : p.corridor_delay_factor)
    if (!corridor.empty() && name == corridor) return factor;
  return 1.0;
}

// What a unit of output costs at each (sector, site): the part of the tables
// that the market update needs too, so it is built without the rest.
void fill_cost_tables(const ModelSpec& spec, const WorldView& w, ValuationTables& t) {
  const auto& p = spec.params;
  t.n_sites = static_cast<int>(spec.sites.size());
  t.n_sectors = static_cast<int>(spec.sectors.size());
  t.n_markets = static_cast<int>(spec.markets.size());
  const auto S = static_cast<std::size_t>(t.n_sites), K = static_cast<std::size_t>(t.n_sectors);
  t.site_bloc.resize(S);
  t.site_bloc_index.resize(S);
  for (std::size_t s = 0; s < S; ++s) {
    t.site_bloc[s] = spec.sites[s].bloc;
    t.site_bloc_index[s] = static_cast<std::uint8_t>(spec.sites[s].bloc);
  }
  t.fixed_cost.resize(K * S);
  t.proximity_saving.resize(K * S);
  t.input_cost.resize(K * S);
  t.labour.resize(K * S);
  const double severity = p.export_controls ? w.policy.export_control_severity() : 0.0;
  for (std::size_t k = 0; k < K; ++k) {
    const auto& sector = spec.sectors[k];
    for (std::size_t s = 0; s < S; ++s) {
      const auto& site = spec.sites[s];
      const auto i = t.ks(static_cast<int>(k), static_cast<int>(s));
      // Inputs cost more far from China's supplier base, and critical
      // minerals more where the site depends on Chinese processing while
      // export controls are in force.
      const double inputs = sector.materials_share * (1 + p.input_markup[static_cast<int>(site.bloc)]) +
                            sector.materials_share * sector.mineral_dependence *
                                w.policy.mineral_exposure(static_cast<int>(s)) * p.mineral_price_shock * severity;
      const std::size_t sk = s * K + k;
      const double dense = p.agglomeration ? std::min(1.0, w.capacity[sk] / p.agglomeration_scale) : 0.0;
      t.input_cost[i] = inputs;
      t.fixed_cost[i] = inputs * (1 - sector.agglomeration_gain * dense) + site.land_power_cost;
      t.proximity_saving[i] = p.supplier_proximity ? inputs * sector.supplier_gain : 0;
      t.labour[i] = sector.workers_per_unit * w.wages[s] / (site.productivity * w.learning[sk]) / 1e6;
    }
  }
}

}  // namespace

ValuationTables make_cost_tables(const ModelSpec& spec, const WorldView& w) {
  ValuationTables t;
  fill_cost_tables(spec, w, t);
  return t;
}

ValuationTables make_valuation_tables(const ModelSpec& spec, const WorldView& w) {
  const auto& p = spec.params;
  const double now = w.now;
  ValuationTables t;
  fill_cost_tables(spec, w, t);
  t.annuity = (1 - std::pow(1 + p.discount_rate, -p.horizon_years)) / p.discount_rate;
  t.add_share = p.add_share;
  t.logit_scale = p.logit_scale;
  t.nests.lambda = {1.0, p.nest_lambda[0], p.nest_lambda[1], p.nest_lambda[2]};
  const auto S = static_cast<std::size_t>(t.n_sites), K = static_cast<std::size_t>(t.n_sectors),
             M = static_cast<std::size_t>(t.n_markets);
  t.expected_loss.resize(K * kNumBlocs);
  t.loss_variance.resize(K * kNumBlocs);
  t.loss_sd.resize(K * kNumBlocs);
  for (std::size_t k = 0; k < K; ++k)
    for (int b = 0; b < kNumBlocs; ++b) {
      const double h = w.beliefs.hazard(static_cast<int>(k), b), loss = p.disruption_loss[b];
      t.expected_loss[k * kNumBlocs + b] = h * loss;
      t.loss_variance[k * kNumBlocs + b] = h * (1 - h) * loss * loss;
      t.loss_sd[k * kNumBlocs + b] = std::sqrt(t.loss_variance[k * kNumBlocs + b]);
    }
  t.open.resize(S);
  t.keep.resize(S);
  t.delay_sd.resize(S);
  t.delay_factor.resize(S);
  std::vector<double> approval_years(S);
  for (std::size_t s = 0; s < S; ++s) {
    const auto& site = spec.sites[s];
    t.open[s] = site.open_year <= now ? 1 : 0;
    t.keep[s] = 1 - site.corporate_tax;
    const double factor = (w.policy.single_window(static_cast<int>(s)) ? p.single_window_factor : 1.0) *
                          corridor_factor(p, site.corridor);
    t.delay_factor[s] = factor;
    approval_years[s] = p.approval_delays ? site.approval_mean_months * factor / 12 : 0;
    t.delay_sd[s] = p.approval_delays ? site.approval_sd_months * factor / 12 : 0;
  }
  for (int b = 0; b < kNumBlocs; ++b) {
    t.bloc_begin[b] = static_cast<int>(t.site_order.size());
    for (std::size_t s = 0; s < S; ++s)
      if (static_cast<int>(spec.sites[s].bloc) == b) t.site_order.push_back(static_cast<std::int16_t>(s));
  }
  t.bloc_begin[kNumBlocs] = static_cast<int>(t.site_order.size());
  t.delay_years.resize(K * S);
  t.pli.resize(K * S);
  t.setup.resize(K);
  t.net_revenue.resize(K * S * M);
  for (std::size_t k = 0; k < K; ++k) {
    const auto& sector = spec.sectors[k];
    t.setup[k] = sector.setup_cost;
    const int scheme = w.pli.scheme_of(static_cast<int>(k));
    for (std::size_t s = 0; s < S; ++s) {
      const auto& site = spec.sites[s];
      const auto i = t.ks(static_cast<int>(k), static_cast<int>(s));
      t.delay_years[i] = approval_years[s] + (p.approval_delays ? sector.build_months / 12 : 0);
      if (p.pli_enabled && scheme >= 0 && site.bloc == Bloc::India)
        t.pli[i] = w.pli.offer(scheme, now, now + t.delay_years[i], p.discount_rate, sector.capital_per_unit);
      const int country = spec.country_index(site.country);
      for (std::size_t m = 0; m < M; ++m)
        t.net_revenue[(k * M + m) * S + s] =
            1 - w.policy.tariff(country, static_cast<int>(m), static_cast<int>(k)) - w.routes[s * M + m].cost;
    }
  }
  if (w.peers != nullptr && p.herding && p.herding_weight > 0) {
    const std::size_t H = spec.population.home_countries.size();
    t.peer_bonus.resize(H * K * S);
    for (std::size_t h = 0; h < H; ++h)
      for (std::size_t k = 0; k < K; ++k)
        for (std::size_t s = 0; s < S; ++s)
          t.peer_bonus[(h * K + k) * S + s] =
              p.herding_weight * w.peers->share(static_cast<int>(h), static_cast<int>(k), static_cast<int>(s));
  }
  t.pli_programs = &w.pli;
  t.now = now;
  t.discount_rate = p.discount_rate;
  t.pli_scheme.assign(K, -1);
  for (std::size_t k = 0; k < K; ++k) {
    if (p.pli_enabled) t.pli_scheme[k] = w.pli.scheme_of(static_cast<int>(k));
    t.capital_per_unit.push_back(spec.sectors[k].capital_per_unit);
    t.build_months.push_back(p.approval_delays ? spec.sectors[k].build_months : 0.0);
  }
  t.subsidy_granted_share = p.japan_subsidy_enabled ? p.japan_subsidy.share : 0.0;
  t.subsidy_home = w.subsidy.home();
  t.subsidy_share = w.subsidy.expected_share(now);
  for (int b = 0; b < kNumBlocs; ++b) t.subsidy_destination[b] = w.subsidy.qualifies(static_cast<Bloc>(b), now);
  return t;
}

void OptionSet::reserve(int n_sites) {
  const auto n = static_cast<std::size_t>(2 * n_sites + 1);
  utility.resize(n);
  value.resize(n);
  nest.resize(n);
  site.resize(n);
  kind.resize(n);
  scratch.resize(n);
  parts.resize(n);
  profit.resize(static_cast<std::size_t>(n_sites));
}

namespace {

inline double risk(const ValuationTables& t, int sector, const std::array<double, kNumBlocs>& w,
                   double risk_aversion) {
  const double* loss = &t.expected_loss[static_cast<std::size_t>(sector) * kNumBlocs];
  const double* variance = &t.loss_variance[static_cast<std::size_t>(sector) * kNumBlocs];
  double mean = 0, var = 0;
  for (int b = 0; b < kNumBlocs; ++b) {
    mean += w[b] * loss[b];
    var += w[b] * w[b] * variance[b];
  }
  return mean + risk_aversion * std::sqrt(var);
}

// risk() of weights that are 1 at bloc b and 0 elsewhere, to the bit: losses
// and variances are finite, so each zero weight adds an exact zero to the
// mean and the variance, and 1 times a value is the value.
inline double risk_in_one_bloc(const ValuationTables& t, int sector, int b, double risk_aversion) {
  const std::size_t i = static_cast<std::size_t>(sector) * kNumBlocs + b;
  return t.expected_loss[i] + risk_aversion * t.loss_sd[i];
}

// The bloc that holds all of the weight (exactly 1 there, 0 elsewhere), or -1.
inline int all_in_one_bloc(const std::array<double, kNumBlocs>& w) {
  for (int b = 0; b < kNumBlocs; ++b) {
    if (w[b] != 1.0) continue;
    for (int c = 0; c < kNumBlocs; ++c)
      if (c != b && w[c] != 0.0) return -1;
    return b;
  }
  return -1;
}

// Per unit of capacity, for one of the firms the agent represents: its
// thresholds and cap are the scheme's per firm.
inline double pli_value(const PliOffer& o, const FirmView& firm, double incremental_share) {
  if (o.pv_per_unit <= 0 || incremental_share <= 0) return 0;
  const double units = incremental_share * firm.firm_size;
  if (units < (firm.domestic ? o.threshold_domestic : o.threshold_global)) return 0;
  return std::min(units * o.pv_per_unit, o.cap_pv) / firm.firm_size;
}

// What every option of one firm shares: its footprint now, valued once.
struct Footprint {
  double profit = 0;  // share-weighted profit of the current plants
  std::array<double, kNumBlocs> bloc_share{};
  double india_share = 0;
  int plants = 0;
  // Risk of moving all of the capacity to bloc b, and of adding a plant
  // there: risk_of_move() and risk_of_add(), filled only where needed and
  // read only where filled (left unset: zeroing the whole struct took a
  // string instruction per firm and quarter).
  std::array<double, kNumBlocs> risk_move, risk_add;
  double stay_value = 0;
  double subsidy_share = 0;  // of set-up cost, where the destination qualifies
};

// profit_at(s): the firm's profit per unit at site s.
template <class ProfitAt>
Footprint footprint(const ValuationTables& t, const FirmView& firm, ProfitAt profit_at) {
  Footprint fp;
  for (const auto& p : firm.plants) {
    if (p.site < 0) continue;
    ++fp.plants;
    fp.profit += p.share * profit_at(p.site);
    fp.bloc_share[static_cast<int>(t.site_bloc[p.site])] += p.share;
  }
  fp.india_share = fp.bloc_share[static_cast<int>(Bloc::India)];
  const int one_bloc = all_in_one_bloc(fp.bloc_share);
  const double stay_risk = one_bloc >= 0 ? risk_in_one_bloc(t, firm.sector, one_bloc, firm.risk_aversion)
                                         : risk(t, firm.sector, fp.bloc_share, firm.risk_aversion);
  fp.stay_value = t.annuity * (fp.profit - stay_risk);
  // Japan's subsidy is for firms that produce in China and build elsewhere.
  fp.subsidy_share = firm.home == t.subsidy_home && fp.bloc_share[static_cast<int>(Bloc::China)] > 0
                         ? t.subsidy_share
                         : 0.0;
  return fp;
}

// The risk of moving all of the capacity to bloc b, and of adding a plant
// there. A reviewing firm needs both for every bloc; a project under way the
// one of its own kind and bloc.
double risk_of_move(const ValuationTables& t, const FirmView& firm, int b) {
  return risk_in_one_bloc(t, firm.sector, b, firm.risk_aversion);
}

double risk_of_add(const ValuationTables& t, const FirmView& firm, const Footprint& fp, int b) {
  std::array<double, kNumBlocs> added{};
  for (int c = 0; c < kNumBlocs; ++c) added[c] = (1 - t.add_share) * fp.bloc_share[c] + (c == b ? t.add_share : 0);
  return risk(t, firm.sector, added, firm.risk_aversion);
}

// An option's operating value per unit of capacity, by kind: a move puts all
// of the capacity at the site, an addition add_share of it and keeps the rest
// where it is (kept_profit: 1 - add_share times the footprint's profit). One
// expression each, for reviews and projects under way alike.
inline double move_operating(const ValuationTables& t, double profit, double risk) {
  return t.annuity * (profit - risk);
}
inline double add_operating(const ValuationTables& t, double kept_profit, double profit, double risk) {
  return t.annuity * (kept_profit + t.add_share * profit - risk);
}

// Waiting forgoes the gain in profit over the years until the plant produces.
inline double forgone_gain(double profit, double footprint_profit, double years) {
  return std::max(0.0, profit - footprint_profit) * years;
}

inline bool in_footprint(const FirmView& firm, int s) {
  for (const auto& p : firm.plants)
    if (p.site == s) return true;
  return false;
}

// Profit per unit at site s, as in the header's formula. fill_profits()
// computes the same expression at every site at once, with the same
// operations in the same order, so the two agree to the bit: a project under
// way needs the profit at a few sites only.
inline double site_profit(const ValuationTables& t, const FirmView& firm, double inv_productivity, int s) {
  const std::size_t i = t.ks(firm.sector, s);
  const auto S = static_cast<std::size_t>(t.n_sites);
  double p = t.proximity_saving[i] * static_cast<double>(firm.proximity[t.site_bloc_index[s]]) - t.fixed_cost[i] -
             t.labour[i] * inv_productivity;
  const double* nr = &t.net_revenue[static_cast<std::size_t>(firm.sector) * t.n_markets * S + s];
  for (int m = 0; m < t.n_markets; ++m) p += static_cast<double>(firm.mix[m]) * nr[static_cast<std::size_t>(m) * S];
  return p > 0 ? t.keep[s] * p : p;
}

// Profit per unit at every site. Written as loops along sites over contiguous
// tables so the compiler vectorises them.
void fill_profits(const ValuationTables& t, const FirmView& firm, std::vector<double>& profit) {
  const int S = t.n_sites;
  const std::size_t row = t.ks(firm.sector, 0);
  const double* fixed = &t.fixed_cost[row];
  const double* saving = &t.proximity_saving[row];
  const double* labour = &t.labour[row];
  const std::uint8_t* bloc = t.site_bloc_index.data();
  const double inv_productivity = 1.0 / firm.productivity;
  const std::array<double, kNumBlocs> near{firm.proximity[0], firm.proximity[1], firm.proximity[2]};
  double* p = profit.data();
  for (int s = 0; s < S; ++s) p[s] = saving[s] * near[bloc[s]] - fixed[s] - labour[s] * inv_productivity;
  for (int m = 0; m < t.n_markets; ++m) {
    const double w = firm.mix[m];
    const double* nr = &t.net_revenue[(static_cast<std::size_t>(firm.sector) * t.n_markets + m) * S];
    for (int s = 0; s < S; ++s) p[s] += w * nr[s];
  }
  const double* keep = t.keep.data();
  for (int s = 0; s < S; ++s) p[s] = p[s] > 0 ? keep[s] * p[s] : p[s];
}

}  // namespace

int value_options(const ValuationTables& t, const FirmView& firm, OptionSet& o) {
  fill_profits(t, firm, o.profit);
  Footprint fp = footprint(t, firm, [&](int s) { return o.profit[s]; });
  for (int b = 0; b < kNumBlocs; ++b) {
    fp.risk_move[b] = risk_of_move(t, firm, b);
    fp.risk_add[b] = risk_of_add(t, firm, fp, b);
  }
  // What is the same for every site of a bloc is taken once: this loop is
  // half of a review's time.
  const double a = t.add_share, scale = t.logit_scale;
  const double kept_profit = (1 - a) * fp.profit;
  const bool can_add = fp.plants < kMaxPlants;
  const std::size_t row = t.ks(firm.sector, 0);
  const double* delay_years = &t.delay_years[row];
  const PliOffer* pli = &t.pli[row];
  const double* peer_row =
      t.peer_bonus.empty()
          ? nullptr
          : &t.peer_bonus[(static_cast<std::size_t>(firm.home) * t.n_sectors + firm.sector) * t.n_sites];
  // Bit s set where the firm has a plant; with more than 32 sites the plant
  // slots are searched instead.
  std::uint32_t footprint_sites = 0;
  const bool small_network = t.n_sites <= 32;
  if (small_network)
    for (const auto& p : firm.plants)
      if (p.site >= 0) footprint_sites |= 1U << p.site;
  int n = 0;
  auto put = [&](const ValueParts& parts, std::uint8_t nest, int site, ProjectKind kind) {
    const double value = parts.total();
    if (o.record_parts) o.parts[n] = parts;
    o.value[n] = value;
    o.utility[n] = scale * value;
    o.nest[n] = nest;
    o.site[n] = static_cast<std::int16_t>(site);
    o.kind[n] = kind;
    ++n;
  };
  o.ranges.begin[0] = 0;
  put(ValueParts{fp.stay_value, 0, 0, 0, 0}, 0, -1, ProjectKind::None);
  int evaluated = 0;
  for (int b = 0; b < kNumBlocs; ++b) {
    o.ranges.begin[1 + b] = n;
    const auto nest = static_cast<std::uint8_t>(1 + b);
    const double setup = t.setup[firm.sector] * (1 - (t.subsidy_destination[b] != 0 ? fp.subsidy_share : 0.0));
    const double india_gain = b == static_cast<int>(Bloc::India) ? 1 - fp.india_share : 0;
    const double risk_move = fp.risk_move[b], risk_add = fp.risk_add[b];
    for (int i = t.bloc_begin[b]; i < t.bloc_begin[b + 1]; ++i) {
      const int s = t.site_order[i];
      if (!t.open[s]) continue;
      if (small_network ? (footprint_sites >> s & 1U) != 0 : in_footprint(firm, s)) continue;
      ++evaluated;
      const double profit = o.profit[s];
      // The expected delay, plus a premium on its spread that grows with risk aversion.
      const double waiting = forgone_gain(profit, fp.profit, delay_years[s] + firm.risk_aversion * t.delay_sd[s]);
      const double peers = peer_row != nullptr ? peer_row[s] : 0.0;
      put({move_operating(t, profit, risk_move), pli_value(pli[s], firm, india_gain), peers, setup, waiting}, nest, s,
          ProjectKind::Move);
      if (can_add)
        put({add_operating(t, kept_profit, profit, risk_add), pli_value(pli[s], firm, a * india_gain), a * peers,
             a * setup, a * waiting},
            nest, s, ProjectKind::Add);
    }
  }
  o.ranges.begin[kNumNests] = n;
  o.count = n;
  return evaluated;
}

namespace {

// What carrying on with a project under way is worth, but for its PLI (left
// 0): continuation_pli() adds that, when it is needed.
struct Continuation {
  ValueParts parts;
  double stay_value = 0;
  double left_years = 0;          // approval and building still ahead
  double india_gain_per_share = 0;
  [[nodiscard]] double gain() const { return parts.total() - stay_value; }
};

Continuation continuation_without_pli(const ValuationTables& t, const FirmView& firm, const Project& pr) {
  // Half the firms have a project under way in a baseline run: value only
  // the sites this one needs, not all of them, and only the terms a project
  // under way values (not peers, whose pull is in its taste gap, nor the PLI
  // until continuation_pli() needs it).
  const double inv_productivity = 1.0 / firm.productivity;
  const auto profit_at = [&](int site) { return site_profit(t, firm, inv_productivity, site); };
  const int s = pr.site;
  const Footprint fp = footprint(t, firm, profit_at);
  const int b = static_cast<int>(t.site_bloc[s]);
  const double profit_s = profit_at(s);
  // The firm knows its drawn delay from the filing on (the authority's
  // timeline): it forgoes the gain over what is left of it, with no premium
  // for a spread that is no longer uncertain.
  const double left_years = (std::max(0.0F, pr.approval_left) + std::max(0.0F, pr.build_left)) / 12.0;
  const double waiting = forgone_gain(profit_s, fp.profit, left_years);
  // Set-up is spent as the plant is built: nothing before approval, all of it
  // at completion. What is spent is sunk.
  const double build = t.build_months[firm.sector];
  const double unspent =
      pr.approval_left > 0 || build <= 0 ? 1.0 : std::clamp(static_cast<double>(pr.build_left) / build, 0.0, 1.0);
  const double setup = t.setup[firm.sector] * unspent * (pr.subsidised ? 1 - t.subsidy_granted_share : 1.0);
  Continuation c;
  if (pr.kind == ProjectKind::Move) {
    c.parts = {move_operating(t, profit_s, risk_of_move(t, firm, b)), 0, 0, setup, waiting};
  } else {
    const double a = t.add_share;
    c.parts = {add_operating(t, (1 - a) * fp.profit, profit_s, risk_of_add(t, firm, fp, b)), 0, 0, a * setup,
               a * waiting};
  }
  c.stay_value = fp.stay_value;
  c.left_years = left_years;
  c.india_gain_per_share = t.site_bloc[s] == Bloc::India ? 1 - fp.india_share : 0;
  return c;
}

// The PLI as of when the plant will produce, not after a fresh full delay.
// Never negative (abandons() relies on it): rates, caps and the outlay are
// >= 0 (check_spec), discount factors and the chance the outlay lasts too,
// and firm sizes > 0.
double continuation_pli(const ValuationTables& t, const FirmView& firm, const Project& pr, const Continuation& c) {
  const int scheme = t.pli_scheme[firm.sector];
  if (scheme < 0 || t.site_bloc[pr.site] != Bloc::India) return 0;
  const PliOffer offer = t.pli_programs->offer(scheme, t.now, t.now + c.left_years, t.discount_rate,
                                               t.capital_per_unit[firm.sector]);
  const double share = pr.kind == ProjectKind::Move ? 1.0 : t.add_share;
  return pli_value(offer, firm, share * c.india_gain_per_share);
}

}  // namespace

double continuation_gain(const ValuationTables& t, const FirmView& firm, const Project& pr) {
  Continuation c = continuation_without_pli(t, firm, pr);
  c.parts.pli = continuation_pli(t, firm, pr, c);
  return c.gain();
}

bool abandons(const ValuationTables& t, const FirmView& firm, const Project& pr) {
  Continuation c = continuation_without_pli(t, firm, pr);
  // The PLI adds a value of at least 0, and every rounded sum and difference
  // here is non-decreasing in it: a project worth carrying on without its
  // PLI is worth carrying on with it, to the bit, so its offer (a power per
  // scheme year) is valued only for the few that come close to abandonment.
  if (!(c.gain() + pr.taste_gap < 0)) return false;
  c.parts.pli = continuation_pli(t, firm, pr, c);
  return c.gain() + pr.taste_gap < 0;
}

double peers_value(const ValuationTables& t, const FirmView& firm, int site, ProjectKind kind) {
  if (t.peer_bonus.empty()) return 0;
  const double bonus = t.peer_bonus[(static_cast<std::size_t>(firm.home) * t.n_sectors + firm.sector) * t.n_sites + site];
  return kind == ProjectKind::Add ? t.add_share * bonus : bonus;
}

double unit_cost(const ValuationTables& t, const FirmView& firm, int site) {
  return unit_cost(t, firm.sector, firm.proximity, firm.productivity, site);
}

}  // namespace relocsim
