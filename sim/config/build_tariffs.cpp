#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "build_spec.hpp"
#include "csv_columns.hpp"
#include "relocsim/config/quote.hpp"
#include "suggest.hpp"
#include "tariff_rate.hpp"

namespace relocsim::config {
namespace {
constexpr std::size_t kMaxTariffCells = std::size_t{1} << 26;  // 512 MiB of rates
}  // namespace

void build_tariffs(const CsvTable& table, const Entities& entities, ModelSpec& spec, ErrorList& errors) {
  CsvColumns csv(table, {"origin", "market", "sector", "rate"}, errors);
  if (!csv.usable() || !entities.sites || !entities.sectors || !entities.markets) return;

  std::vector<std::string> origins(kBlocNames.begin(), kBlocNames.end());
  origins.insert(origins.end(), spec.countries.begin(), spec.countries.end());
  std::vector<std::string> market_ids, sector_ids{"*"};
  for (const auto& m : spec.markets) market_ids.push_back(m.id);
  for (const auto& k : spec.sectors) sector_ids.push_back(k.id);

  using Key = std::tuple<std::string, std::string, std::string>;  // origin, market, sector
  std::map<Key, std::pair<double, int>> rows;                      // -> rate, line
  bool refused = false;  // a row refused above may be the one that covers a combination
  for (const auto& row : table.rows) {
    const auto& origin = csv.text(row, "origin");
    const auto& market = csv.text(row, "market");
    const auto& sector = csv.text(row, "sector");
    bool ok = true;
    if (std::find(origins.begin(), origins.end(), origin) == origins.end()) {
      csv.reject(row, "origin",
                 fmt::format("unknown origin \"{}\"; expected a bloc (China, ASEAN or India) or the country of a "
                             "site in {}{}",
                             origin, entities.sites_path, did_you_mean(origin, origins)));
      ok = false;
    }
    if (spec.market_index(market) < 0) {
      csv.reject(row, "market",
                 fmt::format("unknown market \"{}\"; expected an id from {}{}", market, entities.markets_path,
                             did_you_mean(market, market_ids)));
      ok = false;
    }
    if (sector != "*" && spec.sector_index(sector) < 0) {
      csv.reject(row, "sector",
                 fmt::format("unknown sector \"{}\"; expected \"*\" or an id from {}{}", sector, entities.sectors_path,
                             did_you_mean(sector, sector_ids)));
      ok = false;
    }
    const auto& rate_text = csv.text(row, "rate");
    std::optional<double> rate = parse_number(rate_text);
    if (!rate || !tariff_rate_range().contains(*rate)) {
      csv.reject(row, "rate", tariff_rate_error(rate ? rate_text : config::quoted(rate_text), rate));
      rate.reset();
      refused = true;
    } else if (const auto warning = percentage_warning(*rate)) {
      errors.warn({table.path, row.line}, "rate", *warning);
    }
    refused = refused || !ok;
    if (!ok || !rate) continue;
    const auto [it, inserted] = rows.emplace(Key{origin, market, sector}, std::make_pair(*rate, row.line));
    if (!inserted) {
      csv.reject(row, "origin,market,sector",
                 fmt::format("duplicate row for origin {}, market {}, sector {}; expected one (first at line {})",
                             origin, market, sector, it->second.second));
    }
  }

  const std::size_t n_markets = spec.markets.size();
  const std::size_t n_sectors = spec.sectors.size();
  // The table is dense: a few thousand rows of sites, markets and sectors
  // could ask for gigabytes here, before the run's memory is checked.
  const double cells = static_cast<double>(spec.countries.size()) * static_cast<double>(n_markets) *
                       static_cast<double>(n_sectors);
  if (cells > static_cast<double>(kMaxTariffCells)) {
    errors.add({table.path, 0}, "",
               fmt::format("{} countries x {} markets x {} sectors make {} tariff rates; expected at most {}",
                           spec.countries.size(), n_markets, n_sectors, format_number(cells), kMaxTariffCells));
    return;
  }
  spec.tariffs.assign(spec.countries.size() * n_markets * n_sectors, 0.0);
  // Coverage is judged only on a table whose rows were all read: otherwise
  // each refused row would be reported twice, the second time as a gap.
  if (refused) return;
  for (std::size_t c = 0; c < spec.countries.size(); ++c) {
    const std::string& country = spec.countries[c];
    // Sites agree on a country's bloc (checked with the sites), so the first one says it.
    std::string bloc;
    for (const auto& s : spec.sites) {
      if (s.country == country) {
        bloc = kBlocNames[static_cast<std::size_t>(s.bloc)];
        break;
      }
    }
    for (std::size_t m = 0; m < n_markets; ++m) {
      const std::string& market = spec.markets[m].id;
      std::vector<std::string> uncovered;
      for (std::size_t k = 0; k < n_sectors; ++k) {
        const std::string& sector = spec.sectors[k].id;
        // Most specific first: the country beats its bloc, a sector beats "*".
        const Key candidates[] = {{country, market, sector}, {country, market, "*"}, {bloc, market, sector},
                                  {bloc, market, "*"}};
        bool found = false;
        for (const auto& key : candidates) {
          if (const auto it = rows.find(key); it != rows.end()) {
            spec.tariffs[(c * n_markets + m) * n_sectors + k] = it->second.first;
            found = true;
            break;
          }
        }
        if (!found) uncovered.push_back(sector);
      }
      if (uncovered.empty()) continue;
      const std::string from = country == bloc ? country : fmt::format("{} (bloc {})", country, bloc);
      const std::string origin = country == bloc ? country : country + " or " + bloc;
      std::string what, expected;
      if (uncovered.size() == n_sectors) {
        what = "any sector";
        expected = fmt::format("a row with origin {}, market {} and sector *", origin, market);
      } else if (uncovered.size() == 1) {
        what = "sector " + uncovered.front();
        expected = fmt::format("a row with origin {}, market {} and sector {} or *", origin, market, uncovered.front());
      } else {
        what = fmt::format("sectors {}", fmt::join(uncovered, ", "));
        expected = fmt::format("a row with origin {}, market {} and sector * or one for each of them", origin, market);
      }
      errors.add({table.path, 0}, "rate",
                 fmt::format("no row covers goods from {} into {} in {}; expected {}", from, market, what, expected));
    }
  }
}

}  // namespace relocsim::config
