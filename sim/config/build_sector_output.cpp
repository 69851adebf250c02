// data.sector_output: each sector's gross output by bloc at the start, in USD
// bn a year, and the share its producers sell in their own bloc's market.
// These put the agents in real units (strata.hpp).
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <utility>

#include "build_spec.hpp"
#include "csv_columns.hpp"
#include "suggest.hpp"

namespace relocsim::config {

// Above any sector's world output (USD 1e5 bn = 100 trillion a year): a typo.
constexpr double kMaxOutputUsdBn = 1e5;

void build_sector_output(const CsvTable& table, const Entities& entities, ModelSpec& spec, ErrorList& errors) {
  CsvColumns csv(table, {"sector", "bloc", "output_usd_bn", "domestic_sales_share"}, errors);
  if (!csv.usable() || !entities.sectors) return;
  std::vector<std::string> sector_ids;
  for (const auto& k : spec.sectors) sector_ids.push_back(k.id);
  const std::vector<std::string> blocs(kBlocNames.begin(), kBlocNames.end());
  std::map<std::pair<int, int>, int> line_of;  // (sector, bloc) -> row line
  for (const auto& row : table.rows) {
    const auto& sector_id = csv.text(row, "sector");
    const int k = spec.sector_index(sector_id);
    if (k < 0) {
      csv.reject(row, "sector", fmt::format("unknown sector \"{}\"; expected an id from {}{}", sector_id,
                                            entities.sectors_path, did_you_mean(sector_id, sector_ids)));
    }
    const auto bloc = csv.one_of(row, "bloc", blocs);
    const auto output = csv.number(row, "output_usd_bn", Range::closed(0, kMaxOutputUsdBn));
    const auto domestic = csv.number(row, "domestic_sales_share", Range::closed(0, 1));
    if (k < 0 || !bloc) continue;
    const int b = static_cast<int>(std::find(blocs.begin(), blocs.end(), *bloc) - blocs.begin());
    const auto [it, inserted] = line_of.emplace(std::make_pair(k, b), row.line);
    if (!inserted) {
      csv.reject(row, "sector,bloc",
                 fmt::format("duplicate row for sector {} and bloc {}; expected one (first at line {})", sector_id,
                             *bloc, it->second));
      continue;
    }
    if (domestic && *domestic > 0 && entities.markets && spec.market_index(*bloc) < 0) {
      csv.reject(row, "domestic_sales_share",
                 fmt::format("expected 0, got {}: no market in {} has the id {}, so {}'s producers have no home "
                             "market to sell in",
                             format_number(*domestic), entities.markets_path, *bloc, *bloc));
    }
    auto& sector = spec.sectors[static_cast<std::size_t>(k)];
    if (output) sector.output[b] = *output * 1e3;  // USD bn to the spec's USD million
    if (domestic) sector.domestic_share[b] = *domestic;
  }
  for (std::size_t k = 0; k < spec.sectors.size(); ++k) {
    double total = 0;
    for (int b = 0; b < kNumBlocs; ++b) {
      total += spec.sectors[k].output[b];
      if (line_of.count({static_cast<int>(k), b}) == 0) {
        errors.add({table.path, 0}, "output_usd_bn",
                   fmt::format("no row for sector {} and bloc {}; expected one for every sector and bloc",
                               sector_ids[k], blocs[static_cast<std::size_t>(b)]));
      }
    }
    if (total <= 0) {
      errors.add({table.path, 0}, "output_usd_bn",
                 fmt::format("sector {} has no output in any bloc; expected some, for its agents to stand for",
                             sector_ids[k]));
    }
  }
}

}  // namespace relocsim::config
