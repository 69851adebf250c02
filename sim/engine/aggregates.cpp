#include "relocsim/engine/aggregates.hpp"

#include "relocsim/engine/blocks.hpp"

namespace relocsim {

double SiteSectorTotals::site_employment(int site) const {
  double e = 0;
  for (int k = 0; k < n_sectors; ++k) e += employment[static_cast<std::size_t>(site) * n_sectors + k];
  return e;
}

double SiteSectorTotals::bloc_sector(const std::vector<double>& v, const std::vector<Bloc>& site_bloc, Bloc b,
                                     int sector) const {
  double sum = 0;
  for (int s = 0; s < n_sites; ++s)
    if (site_bloc[s] == b) sum += v[static_cast<std::size_t>(s) * n_sectors + sector];
  return sum;
}

namespace {

struct TotalsInputs {
  const Firms& firms;
  const ValuationTables& tables;
  const PartnerShares& proximity;
  const std::vector<double>& workers_per_unit;
  const std::vector<double>& productivity;
};

// One block's sums; the parts not asked for are compiled out of the loop.
template <bool kCost, bool kSales>
void add_block(const TotalsInputs& in, std::size_t first, std::size_t last, SiteSectorTotals& t) {
  const Firms& firms = in.firms;
  for (std::size_t f = first; f < last; ++f) {
    const int k = firms.sector[f];
    const double firm_productivity = firms.productivity[f];
    for (const auto& p : firms.plants[f]) {
      if (p.site < 0) continue;
      const auto i = static_cast<std::size_t>(p.site) * t.n_sectors + k;
      const double units = firms.capacity(f) * p.share;
      t.capacity[i] += units;
      t.employment[i] += units * in.workers_per_unit[k] / (in.productivity[i] * firm_productivity);
      if constexpr (kCost) t.cost[i] += units * unit_cost(in.tables, k, in.proximity[f], firm_productivity, p.site);
      t.plants[i] += 1;
      if constexpr (kSales) {
        // Each plant sells the firm's mix: where a firm sells does not
        // depend on which of its plants made the goods.
        const auto M = static_cast<std::size_t>(t.n_markets);
        const float* mix = &firms.mix[f * M];
        for (std::size_t m = 0; m < M; ++m) t.sales[i * M + m] += units * mix[m];
      }
    }
    if (firms.project[f].active()) t.pending[firms.project[f].site] += 1;
  }
}

}  // namespace

SiteSectorTotals compute_totals(const Firms& firms, const ValuationTables& tables,
                                const PartnerShares& proximity,
                                const std::vector<double>& workers_per_unit,
                                const std::vector<double>& productivity, const RecordParts& parts) {
  SiteSectorTotals zero;
  zero.n_sites = tables.n_sites;
  zero.n_sectors = tables.n_sectors;
  zero.n_markets = firms.n_markets;
  const auto cells = static_cast<std::size_t>(tables.n_sites) * tables.n_sectors;
  zero.capacity.assign(cells, 0);
  zero.employment.assign(cells, 0);
  if (parts.mean_unit_cost) zero.cost.assign(cells, 0);
  zero.plants.assign(cells, 0);
  if (parts.sales) zero.sales.assign(cells * static_cast<std::size_t>(firms.n_markets), 0);
  zero.pending.assign(static_cast<std::size_t>(tables.n_sites), 0);
  const TotalsInputs in{firms, tables, proximity, workers_per_unit, productivity};
  auto add = parts.mean_unit_cost ? (parts.sales ? add_block<true, true> : add_block<true, false>)
                                  : (parts.sales ? add_block<false, true> : add_block<false, false>);
  return block_reduce(
      firms.size(), zero, [&](std::size_t first, std::size_t last, SiteSectorTotals& t) { add(in, first, last, t); },
      [](SiteSectorTotals& total, const SiteSectorTotals& part) {
        add_into(total.capacity, part.capacity);
        add_into(total.employment, part.employment);
        add_into(total.cost, part.cost);
        add_into(total.plants, part.plants);
        add_into(total.sales, part.sales);
        add_into(total.pending, part.pending);
      });
}

}  // namespace relocsim
