#include "relocsim/engine/memory_estimate.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string_view>
#include <vector>

#include "relocsim/engine/firms.hpp"
#include "relocsim/engine/observer.hpp"
#include "relocsim/engine/pli.hpp"

namespace relocsim {
namespace {

// Each term follows a structure of the engine, so that a change of layout
// changes the estimate. Checked against the peak RSS of `relocsim run` on 2
// threads with every firm reviewing every step (the most per-step memory),
// for the tiny scenario (3 markets, 12 steps) and the baseline (6 markets, 64
// steps), 1e5 to 1e6 firms, 2 and 50 supply links: the estimate is 4 to 16 %
// above the measurement (baseline, 1e6 firms: 310 MiB measured, 336
// estimated, before the step's events were held once; 3e5 firms after: 109
// MiB measured, 124 estimated).
// tests/hardening/test_resources.py checks it stays above and within 60 %.

// Libraries and thread pools (22 MiB measured with 1000 firms), and HDF5's
// chunk caches (1 MiB per open dataset), which fill once the firm variables
// span several chunks.
constexpr double kFixed = 40.0 * 1024 * 1024;

// Firms (firms.hpp): sector and home bytes, stratum, firm size,
// productivity, risk aversion, plant slots, project, Indian base capacity,
// PLI received.
constexpr double kFirmState = 2 * sizeof(std::uint8_t) + sizeof(std::uint16_t) + 3 * sizeof(float) +
                              kMaxPlants * sizeof(Plant) + sizeof(Project) + sizeof(float) + sizeof(double);
// ... and the sales mix, one float per market.
constexpr double kFirmMixPerMarket = sizeof(float);
// Simulation's per-firm buffers: partner counts by bloc (partner_shares.hpp;
// a network in which a firm has over 65,535 partners keeps float shares,
// 6 bytes more) and main bloc (a firm's decision is applied as it is made,
// and not kept).
constexpr double kSimulationPerFirm = kNumBlocs * sizeof(std::uint16_t) + sizeof(std::int8_t);
// The FirmTable handed to the writer at the end, while the firms still exist
// (observer.hpp): sector, home, capacity, productivity, plant sites and
// shares, project site, kind, share and months left, PLI received.
constexpr double kFirmTable = 2 * sizeof(std::uint8_t) + 2 * sizeof(double) +
                              kMaxPlants * (sizeof(std::int16_t) + sizeof(double)) + sizeof(std::int16_t) +
                              sizeof(std::int8_t) + 3 * sizeof(double);
// The terminal summary's flag per firm and bloc.
constexpr double kSummaryPerFirm = kNumBlocs;
// A step's events when every firm reviews: held once, in a list sized to the
// bound of kMaxEventsPerFirmStep per firm, and copied by the writer into one
// column per field (event number, step, firm, from, to, kind, share).
constexpr double kEventColumns = 3 * sizeof(std::int32_t) + 2 * sizeof(std::int16_t) + sizeof(std::int8_t) +
                                 sizeof(float);
constexpr double kEventsPerFirm = kMaxEventsPerFirmStep * (sizeof(Event) + kEventColumns);
// The choice log's rows of a step: the per-block lists (up to twice their
// rows) and the record; the writer streams them out. Measured 2.2 copies
// (1e5 firms, 7 sites, every firm logged and reviewing).
constexpr double kChoiceRowCopies = 3;

// Supply network (supply_network.hpp, 32-bit firm ids): a row start per firm
// for its buyers; per link the supplier drawn and the buyer in its
// supplier's row. Built in place, with no edge list.
constexpr double kNetworkPerFirm = sizeof(std::uint32_t);
constexpr double kNetworkPerLink = 2 * sizeof(std::uint32_t);

// Output file: the firm coordinate (stored uncompressed) and the capacity
// column (random doubles compress to no less than half) per firm; the step,
// year and firms_reviewing variables (uncompressed) per record.
constexpr double kOutputPerFirm = sizeof(std::uint32_t) + sizeof(double) / 2;
constexpr double kOutputPerRecord = 2 * sizeof(std::int32_t) + sizeof(double);

// The PLI counterfactual's path (cli/pli_counterfactual.hpp): per record,
// two vectors (jobs, output) of one double per sector.
constexpr double kPairedPathPerRecord = 2 * sizeof(std::vector<double>);
constexpr double kPairedPathPerRecordSector = 2 * sizeof(double);

double firm_bytes(const RunSize& z) {
  return kFirmState + kFirmMixPerMarket * static_cast<double>(z.markets) + kSimulationPerFirm + kFirmTable +
         kSummaryPerFirm + kEventsPerFirm;
}

}  // namespace

double population_bytes(std::uint64_t firms, std::uint64_t markets, std::uint64_t links_per_firm) {
  const auto n = static_cast<double>(firms);
  return n * (kFirmState + kFirmMixPerMarket * static_cast<double>(markets) + kNetworkPerFirm +
              kNetworkPerLink * static_cast<double>(links_per_firm));
}

RunSize run_size(const ModelSpec& spec) {
  RunSize z;
  z.firms = spec.population.n_firms > 0 ? static_cast<std::uint64_t>(spec.population.n_firms) : 0;
  z.supply_links = spec.population.supply_links > 0 ? static_cast<std::uint64_t>(spec.population.supply_links) : 0;
  z.sites = spec.sites.size();
  z.sectors = spec.sectors.size();
  z.markets = spec.markets.size();
  z.countries = spec.countries.size();
  z.steps = spec.run.steps > 0 ? static_cast<std::uint64_t>(spec.run.steps) : 0;
  if (spec.run.choice_log_every > 0) {
    const double reviewing = std::max(spec.params.review_probability, spec.params.shock_review_probability);
    z.choice_rows_per_step = static_cast<double>(z.firms) / spec.run.choice_log_every * reviewing *
                             (1 + 2 * static_cast<double>(z.sites));
  }
  return z;
}

MemoryNeed memory_needed(const RunSize& z) {
  const auto n = static_cast<double>(z.firms);
  const double links = n * static_cast<double>(z.supply_links);
  const auto S = static_cast<double>(z.sites), K = static_cast<double>(z.sectors);
  const auto M = static_cast<double>(z.markets), C = static_cast<double>(z.countries);
  MemoryNeed need;
  need.fixed = kFixed;
  need.firms = n * firm_bytes(z) + z.choice_rows_per_step * kChoiceRowCopies * sizeof(ChoiceRow);
  need.links = n * kNetworkPerFirm + links * kNetworkPerLink;
  // Tariffs [country][market][sector] in the loaded spec and the engine's
  // copy; two sets of valuation tables alive at once (the step's and the
  // market update's): net revenue [sector][market][site], four doubles and a
  // PLI offer per (sector, site); the step record's [site][sector] arrays.
  // Sales [site][sector][market] are summed in one partial per block of
  // 2048 firms (kFirmBlock, blocks.hpp), all alive at once, then kept in
  // the totals and the record.
  const double blocks = std::ceil(n / 2048);
  need.tables = 2 * sizeof(double) * C * M * K +
                2 * (sizeof(double) * K * M * S + (4 * sizeof(double) + sizeof(PliOffer)) * K * S) +
                (2 * sizeof(double) + sizeof(std::int32_t)) * S * K + (blocks + 2) * sizeof(double) * S * K * M;
  // Records are steps + 1 (the initial state); in double, like every size
  // here, so that no count overflows.
  const double records = static_cast<double>(z.steps) + 1;
  need.records = z.pli_counterfactual ? records * (kPairedPathPerRecord + kPairedPathPerRecordSector * K) : 0;
  return need;
}

double memory_per_firm(const RunSize& z) {
  RunSize one = z;
  one.firms = 1;
  // The choice log grows with the firms too.
  one.choice_rows_per_step = z.firms > 0 ? z.choice_rows_per_step / static_cast<double>(z.firms) : 0;
  const MemoryNeed need = memory_needed(one);
  return need.firms + need.links;
}

double output_bytes_at_least(const RunSize& z) {
  return kOutputPerFirm * static_cast<double>(z.firms) + kOutputPerRecord * (static_cast<double>(z.steps) + 1);
}

std::string format_bytes(double bytes) {
  constexpr std::array<std::string_view, 7> kUnits{"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  std::size_t unit = 0;
  while (bytes >= 1024 && unit + 1 < kUnits.size()) {
    bytes /= 1024;
    ++unit;
  }
  // %.3g would switch to an exponent from 1000 up (1.02e+03). stdio, not
  // fmt: this library links nothing but the standard library.
  char text[32];
  if (unit == 0 || bytes >= 1000) {
    std::snprintf(text, sizeof text, "%.0f %s", std::floor(bytes), kUnits[unit].data());
  } else {
    std::snprintf(text, sizeof text, "%.3g %s", bytes, kUnits[unit].data());
  }
  return text;
}

}  // namespace relocsim
