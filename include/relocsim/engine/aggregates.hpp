#pragma once
// Sums over firms by site and sector, computed deterministically (blocks.hpp).
#include <cstdint>
#include <vector>

#include "relocsim/engine/firms.hpp"
#include "relocsim/engine/partner_shares.hpp"
#include "relocsim/engine/valuation.hpp"

namespace relocsim {

struct SiteSectorTotals {
  int n_sites = 0, n_sectors = 0, n_markets = 0;
  // [site][sector]
  std::vector<double> capacity, employment;
  std::vector<double> cost;  // capacity times unit production cost; empty unless asked for
  // [site][sector][market]: capacity times each firm's market mix, so that
  // summed over markets it is capacity (to rounding); empty unless asked for
  std::vector<double> sales;
  std::vector<std::int32_t> plants;
  std::vector<std::int32_t> pending;  // [site] projects under way

  [[nodiscard]] double site_employment(int site) const;
  [[nodiscard]] double bloc_sector(const std::vector<double>& v, const std::vector<Bloc>& site_bloc, Bloc b,
                                   int sector) const;
};

SiteSectorTotals compute_totals(const Firms& firms, const ValuationTables& tables,
                                const PartnerShares& proximity,
                                const std::vector<double>& workers_per_unit,
                                const std::vector<double>& productivity,  // [site][sector]
                                const RecordParts& parts);  // parts.sales: sales; parts.mean_unit_cost: cost

}  // namespace relocsim
