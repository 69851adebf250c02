#pragma once
// How much memory a run needs and how much disk its output takes at least,
// from the sizes in a model description and the engine's layout, so that a
// configuration too big for the machine can be refused before anything is
// allocated (rather than ending in an out-of-memory kill hours later).
//
// Sizes are 64-bit and the arithmetic is in double: the estimate must stay
// meaningful for sizes the engine itself cannot hold (n_firms = 1e12), which
// is exactly when it is needed.
#include <cstdint>
#include <string>

#include "relocsim/engine/spec.hpp"

namespace relocsim {

struct RunSize {
  std::uint64_t firms = 0;
  std::uint64_t supply_links = 0;  // per firm
  std::uint64_t sites = 0, sectors = 0, markets = 0, countries = 0;
  std::uint64_t steps = 0;
  // Rows of the choice log a step holds at most (0 without the log): the
  // logged firms that review, one row per option (stay, move or add at
  // each site).
  double choice_rows_per_step = 0;
  // `relocsim run --pli-counterfactual`: the paired run without PLI keeps
  // its Indian jobs and output per record and sector until the main run
  // reads them, the one part of a run's memory that grows with its steps.
  bool pli_counterfactual = false;
};

RunSize run_size(const ModelSpec& spec);

// Bytes of peak resident memory of `relocsim run`, in parts, so that a
// message can say which setting drives it.
struct MemoryNeed {
  double fixed = 0;   // libraries, HDF5 and thread pools: independent of the scenario
  double firms = 0;   // firm state, its copies at the end and per-step buffers, without supply links
  double links = 0;   // the supply network
  double tables = 0;  // per (site, sector, market) tables: tariffs, valuation tables
  double records = 0;  // per step: what is kept of every record (the PLI counterfactual's path)
  [[nodiscard]] double total() const { return fixed + firms + links + tables + records; }
};

MemoryNeed memory_needed(const RunSize& size);

// Bytes per firm of memory_needed().firms + .links, for "enough for about N firms".
double memory_per_firm(const RunSize& size);

// Bytes of one run's initial firms and supply network alone (the firm state,
// sales mixes and network of memory_needed()), as PopulationCache keeps them.
double population_bytes(std::uint64_t firms, std::uint64_t markets, std::uint64_t links_per_firm);

// A lower bound on the bytes of the output file: what the firm table and the
// per-step records take even after compression. Used to refuse a run whose
// output cannot fit, never one that might.
double output_bytes_at_least(const RunSize& size);

// Bytes as a person reads them, with three significant digits and binary
// units: "265 TiB", "22.8 GiB", "8 GiB", "512 bytes".
std::string format_bytes(double bytes);

}  // namespace relocsim
