// The supplier mix: for each buyer sector, the weight of each sector among its
// firms' suppliers. Pairs without a row weigh 0, so a file lists only the
// links that exist (a sector's own and a few upstream sectors).
#include <fmt/format.h>

#include <cmath>
#include <map>
#include <utility>

#include "build_spec.hpp"
#include "csv_columns.hpp"
#include "suggest.hpp"

namespace relocsim::config {
namespace {

constexpr double kShareTolerance = 1e-6;  // as in check_spec

std::optional<int> sector_of(CsvColumns& csv, const CsvRow& row, std::string_view column, const ModelSpec& spec,
                             const std::vector<std::string>& ids, const std::string& defined_in) {
  const auto& cell = csv.text(row, column);
  const int index = spec.sector_index(cell);
  if (index >= 0) return index;
  csv.reject(row, column,
             fmt::format("unknown sector \"{}\"; expected an id from {}{}", cell, defined_in, did_you_mean(cell, ids)));
  return std::nullopt;
}

}  // namespace

void build_supplier_mix(const CsvTable& table, const Entities& entities, ModelSpec& spec, ErrorList& errors) {
  CsvColumns csv(table, {"buyer_sector", "supplier_sector", "weight"}, errors);
  if (!csv.usable() || !entities.sectors) return;
  std::vector<std::string> ids;
  for (const auto& k : spec.sectors) ids.push_back(k.id);
  std::vector<std::vector<double>> weights(spec.sectors.size(), std::vector<double>(spec.sectors.size(), 0.0));

  std::map<std::pair<int, int>, int> line_of;  // (buyer, supplier) -> row line
  std::map<int, int> first_line_of_buyer;
  std::map<int, bool> buyer_complete;  // false once a row of the buyer could not be used
  for (const auto& row : table.rows) {
    const auto buyer = sector_of(csv, row, "buyer_sector", spec, ids, entities.sectors_path);
    const auto supplier = sector_of(csv, row, "supplier_sector", spec, ids, entities.sectors_path);
    const auto weight = csv.number(row, "weight", Range::at_least(0));
    if (!buyer) continue;
    first_line_of_buyer.emplace(*buyer, row.line);
    buyer_complete.emplace(*buyer, true);
    if (!supplier) {
      buyer_complete[*buyer] = false;
      continue;
    }
    const auto [it, inserted] = line_of.emplace(std::make_pair(*buyer, *supplier), row.line);
    if (!inserted) {
      csv.reject(row, "buyer_sector,supplier_sector",
                 fmt::format("duplicate row for buyer {} and supplier {}; expected one (first at line {})",
                             ids[static_cast<std::size_t>(*buyer)], ids[static_cast<std::size_t>(*supplier)],
                             it->second));
      buyer_complete[*buyer] = false;
      continue;
    }
    if (!weight) {
      buyer_complete[*buyer] = false;
      continue;
    }
    weights[static_cast<std::size_t>(*buyer)][static_cast<std::size_t>(*supplier)] = *weight;
  }
  for (std::size_t k = 0; k < spec.sectors.size(); ++k) {
    const int buyer = static_cast<int>(k);
    if (first_line_of_buyer.count(buyer) == 0) {
      errors.add({table.path, 0}, "buyer_sector",
                 fmt::format("no row with buyer sector {}; expected the weights of its supplier sectors, summing to 1",
                             ids[k]));
      continue;
    }
    if (!buyer_complete[buyer]) continue;  // a bad row was reported; the sum of the others would mislead
    double sum = 0;
    for (double w : weights[k]) sum += w;
    if (std::abs(sum - 1) > kShareTolerance) {
      errors.add({table.path, first_line_of_buyer[buyer]}, "weight",
                 fmt::format("expected the weights of buyer sector {} to sum to 1, got a sum of {}", ids[k],
                             format_sum(sum)));
      continue;
    }
    spec.sectors[k].supplier_mix = weights[k];
  }
}

}  // namespace relocsim::config
