#include <fmt/format.h>

#include <numeric>

#include "relocsim/engine/error.hpp"
#include "run_layout.hpp"

namespace relocsim::output {
namespace {

template <class T>
std::span<const T> checked(const std::vector<T>& v, std::size_t expected, const char* what) {
  if (v.size() != expected) {
    throw OutputError(fmt::format("firm table: {} has {} values, expected {}", what, v.size(), expected));
  }
  return std::span<const T>(v);
}

}  // namespace

void write_firms(nc::Layout& layout, const FirmTable& firms, const Labels& labels) {
  using nc::Storage;
  const std::size_t n = firms.capacity.size();
  const std::size_t slots = n * kMaxPlants;
  std::vector<std::uint32_t> ids(n);
  std::iota(ids.begin(), ids.end(), 0U);
  layout.numeric_dimension<std::uint32_t>("firm", ids, {"firm id", "1"});
  const std::vector<std::string> firm{"firm"}, firm_slot{"firm", "plant_slot"};
  const std::int16_t no_site = -1;

  auto& sector = layout.variable<std::uint8_t>("firm_sector", firm, {"sector of the firm", "1"}, Storage::Compressed);
  sector.write(checked(firms.sector, n, "sector"));
  nc::describe_codes<std::uint8_t>(sector, labels.sectors, "sector");

  auto& home = layout.variable<std::uint8_t>("firm_home", firm, {"home country of the firm", "1"},
                                             Storage::Compressed);
  home.write(checked(firms.home, n, "home"));
  nc::describe_codes<std::uint8_t>(home, labels.homes, "home");

  layout.variable<double>("firm_capacity", firm, {"the firm's capacity at the end of the run", "unit"},
                          Storage::Compressed)
      .write(checked(firms.capacity, n, "capacity"));
  layout.variable<double>("firm_productivity", firm, {"the firm's productivity relative to the reference", "1"},
                          Storage::Compressed)
      .write(checked(firms.productivity, n, "productivity"));

  auto& plant_site = layout.variable<std::int16_t>("firm_plant_site", firm_slot,
                                                   {"site of the plant in this slot; missing where none", "1"},
                                                   Storage::Compressed, no_site);
  plant_site.write(checked(firms.plant_site, slots, "plant_site"));
  nc::describe_codes<std::int16_t>(plant_site, labels.sites, "site");
  layout.variable<double>("firm_plant_share", firm_slot,
                          {"share of the firm's capacity at the plant in this slot; 0 where none", "1"},
                          Storage::Compressed)
      .write(checked(firms.plant_share, slots, "plant_share"));

  auto& project_site = layout.variable<std::int16_t>("firm_project_site", firm,
                                                     {"site of the firm's project under way; missing where none",
                                                      "1"},
                                                     Storage::Compressed, no_site);
  project_site.write(checked(firms.project_site, n, "project_site"));
  nc::describe_codes<std::int16_t>(project_site, labels.sites, "site");
  auto& project_kind = layout.variable<std::int8_t>(
      "firm_project_kind", firm, {"kind of the firm's project under way; missing where none", "1"},
      Storage::Compressed, std::int8_t{-1});
  project_kind.write(checked(firms.project_kind, n, "project_kind"));
  nc::describe_codes<std::int8_t>(project_kind, {"move", "add"}, "");
  layout.variable<double>("firm_project_share", firm,
                          {"share of the firm's capacity the project under way moves", "1"}, Storage::Compressed)
      .write(checked(firms.project_share, n, "project_share"));
  layout.variable<double>("firm_project_months_left", firm,
                          {"approval and build time still to go on the project under way", "month"},
                          Storage::Compressed)
      .write(checked(firms.project_months_left, n, "project_months_left"));
  layout.variable<double>("firm_pli_received", firm, {"PLI received by the firm over the run", "USD million"},
                          Storage::Compressed)
      .write(checked(firms.pli_received, n, "pli_received"));
}

}  // namespace relocsim::output
