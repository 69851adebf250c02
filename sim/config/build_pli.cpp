#include <fmt/format.h>

#include <algorithm>

#include "build_spec.hpp"
#include "suggest.hpp"

namespace relocsim::config {
namespace {

// 1 crore = 1e7 INR; the spec's money is USD million.
double crore_to_usd_million(double crore, double inr_per_usd) { return crore * 10.0 / inr_per_usd; }

std::vector<double> to_usd(const std::vector<double>& crore, double inr_per_usd) {
  std::vector<double> out;
  out.reserve(crore.size());
  for (double c : crore) out.push_back(crore_to_usd_million(c, inr_per_usd));
  return out;
}

// A threshold array: one non-negative amount per scheme year.
std::optional<std::vector<double>> thresholds(TomlReader& toml, const std::string& key, std::size_t years,
                                              bool non_decreasing) {
  auto values = toml.numbers(key, Range::at_least(0), true);
  if (!values) return std::nullopt;
  if (years > 0 && values->size() != years) {
    toml.reject(key, fmt::format("expected {} entries, one per rate, got {}", years, values->size()));
    return std::nullopt;
  }
  if (non_decreasing) {
    for (std::size_t i = 1; i < values->size(); ++i) {
      if ((*values)[i] < (*values)[i - 1]) {
        toml.reject(key, fmt::format("expected non-decreasing values, got {} after {} as entry {}",
                                     format_number((*values)[i]), format_number((*values)[i - 1]), i + 1));
        return std::nullopt;
      }
    }
  }
  return values;
}

// The length the four threshold arrays of scheme `key` share, if they all
// are arrays of one length.
std::optional<std::size_t> agreed_length(const TomlReader& toml, const std::string& key) {
  std::optional<std::size_t> length;
  for (const char* name : {"investment_threshold_global_inr_crore", "sales_threshold_global_inr_crore",
                           "investment_threshold_domestic_inr_crore", "sales_threshold_domestic_inr_crore"}) {
    const auto n = toml.array_size(key + "." + name);
    if (!n || (length && *length != *n)) return std::nullopt;
    length = n;
  }
  return length;
}

// Yearly caps: none (an empty array) or one per scheme year.
std::optional<std::vector<double>> yearly_caps(TomlReader& toml, const std::string& key, std::size_t years) {
  auto values = toml.numbers(key, Range::at_least(0), true);
  if (!values) return std::nullopt;
  if (years > 0 && !values->empty() && values->size() != years) {
    toml.reject(key, fmt::format("expected no entries or {}, one per rate, got {}", years, values->size()));
    return std::nullopt;
  }
  return values;
}

}  // namespace

void build_pli(TomlReader& toml, const Entities& entities, ModelSpec& spec) {
  const auto inr_per_usd = toml.number("pli.inr_per_usd", Range::above(0));
  if (inr_per_usd) spec.params.inr_per_usd = *inr_per_usd;
  std::vector<std::string> sector_ids;
  for (const auto& k : spec.sectors) sector_ids.push_back(k.id);

  for (const auto& name : toml.children("pli")) {
    if (name == "inr_per_usd") continue;
    const std::string key = "pli." + name;
    if (!toml.is_table(key)) {
      // Left to the unknown-key check (e.g. a misspelt inr_per_usd), unless it names a sector.
      if (entities.sectors && spec.sector_index(name) >= 0) {
        toml.reject(key, "expected a table of PLI scheme parameters, got " + toml.describe(key));
        toml.accept(key);
      }
      continue;
    }
    if (!entities.sectors) {
      // The sectors file already has errors; its ids cannot be checked.
      toml.accept(key);
      continue;
    }
    const int sector = spec.sector_index(name);
    if (sector < 0) {
      toml.reject(key, "unknown sector; expected a sector id from " + entities.sectors_path +
                           did_you_mean(name, sector_ids));
      toml.accept(key);
      continue;
    }
    PliSpec p;
    p.sector = sector;
    const auto start = toml.number(key + ".start_year", Range::any());
    const auto announced = toml.number(key + ".announce_year", Range::any());
    const auto base = toml.number(key + ".base_year", Range::any());
    const auto rates = toml.numbers(key + ".rates", Range::closed(0, 1), false);
    const auto outlay = toml.number(key + ".outlay_inr_crore", Range::at_least(0));
    const auto cap = toml.number(key + ".cap_per_firm_year_inr_crore", Range::at_least(0));
    std::size_t years = rates ? rates->size() : 0;
    bool rates_ok = rates.has_value();
    // When the threshold arrays agree on a length and rates does not, rates is
    // what changed (say by --set pli.X.rates=[...]): one error there rather
    // than one on each threshold array.
    if (const auto agreed = agreed_length(toml, key); rates && agreed && *agreed != years) {
      toml.reject(key + ".rates", fmt::format("expected {} entries, one per scheme year like the threshold arrays, "
                                              "got {}",
                                              *agreed, years));
      years = *agreed;
      rates_ok = false;
    }
    const auto inv_global = thresholds(toml, key + ".investment_threshold_global_inr_crore", years, true);
    const auto sales_global = thresholds(toml, key + ".sales_threshold_global_inr_crore", years, false);
    const auto inv_domestic = thresholds(toml, key + ".investment_threshold_domestic_inr_crore", years, true);
    const auto sales_domestic = thresholds(toml, key + ".sales_threshold_domestic_inr_crore", years, false);
    const auto caps = yearly_caps(toml, key + ".yearly_caps_inr_crore", years);
    const auto lag = toml.number(key + ".disbursement_lag_years", Range::at_least(0));
    if (!(inr_per_usd && start && announced && base && rates_ok && outlay && cap && inv_global && sales_global && inv_domestic &&
          sales_domestic && caps && lag)) {
      continue;
    }
    p.start_year = *start;
    p.announce_year = *announced;
    p.base_year = *base;
    p.rates = *rates;
    p.outlay = crore_to_usd_million(*outlay, *inr_per_usd);
    p.cap_per_firm_year = crore_to_usd_million(*cap, *inr_per_usd);
    p.investment_threshold_global = to_usd(*inv_global, *inr_per_usd);
    p.sales_threshold_global = to_usd(*sales_global, *inr_per_usd);
    p.investment_threshold_domestic = to_usd(*inv_domestic, *inr_per_usd);
    p.sales_threshold_domestic = to_usd(*sales_domestic, *inr_per_usd);
    p.yearly_caps = to_usd(*caps, *inr_per_usd);
    p.disbursement_lag_years = *lag;
    spec.pli.push_back(std::move(p));
  }
  // TOML tables are kept in key order; sector order is the spec's own order.
  std::sort(spec.pli.begin(), spec.pli.end(), [](const PliSpec& a, const PliSpec& b) { return a.sector < b.sector; });
}

}  // namespace relocsim::config
