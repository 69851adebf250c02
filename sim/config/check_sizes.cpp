#include <fmt/format.h>

#include "build_spec.hpp"

namespace relocsim::config {
namespace {

// The engine keeps site indices in 16 bits, sector and home-country indices
// in 8 (firms.hpp, observer.hpp); check_spec has the same limits but cannot
// say where the excess is.
constexpr std::size_t kMaxSites = 32000;
constexpr std::size_t kMaxSectors = 250;
constexpr std::size_t kMaxHomeCountries = 250;

}  // namespace

void check_sizes(TomlReader& toml, const Entities& entities, const ModelSpec& spec, ErrorList& errors) {
  if (entities.sites && spec.sites.size() > kMaxSites) {
    errors.add({entities.sites_path, entities.site_lines[kMaxSites]}, "id",
               fmt::format("expected at most {} sites, got {}; this row is site {}", kMaxSites, spec.sites.size(),
                           kMaxSites + 1));
  }
  if (entities.sectors && spec.sectors.size() > kMaxSectors) {
    errors.add({entities.sectors_path, 0}, "id",
               fmt::format("expected at most {} sectors, got {}", kMaxSectors, spec.sectors.size()));
  }
  if (spec.population.home_countries.size() > kMaxHomeCountries) {
    toml.reject("population.home_countries", fmt::format("expected at most {} countries, got {}", kMaxHomeCountries,
                                                         spec.population.home_countries.size()));
  }
}

}  // namespace relocsim::config
