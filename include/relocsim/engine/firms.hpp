#pragma once
// The firm agents, stored column by column: the step's loops touch a few
// attributes of every firm, and a million firms must fit in well under 300
// bytes each.
#include <array>
#include <cstdint>
#include <vector>

#include "relocsim/engine/observer.hpp"

namespace relocsim {

// A plant slot; site < 0 means the slot is empty. Shares of a firm's plants sum to 1.
// Packed to 6 bytes (a firm's three slots 18, not 24): every firm holds three
// slots, and x86 reads the unaligned share at no measurable cost. Members are
// read and written through the struct, never by pointer or reference.
#pragma pack(push, 2)
struct Plant {
  std::int16_t site = -1;
  float share = 0;
};
#pragma pack(pop)
static_assert(sizeof(Plant) == 6);

// A project under way: approval first, then construction; capacity moves when both are done.
// 16 bytes: the share of capacity it moves follows from its kind (share()).
struct Project {
  std::int16_t site = -1;
  ProjectKind kind = ProjectKind::None;
  bool subsidised = false;  // qualified for Japan's subsidy when it started
  float approval_left = 0;  // months
  float build_left = 0;     // months
  // What made the firm choose this project beyond its deterministic value:
  // the taste shock's advantage over staying (drawn given the choice) plus the
  // pull of peers' recent moves, per unit of capacity (USD million). Kept
  // while the project is under way; see taste_gap.hpp.
  float taste_gap = 0;
  [[nodiscard]] bool active() const { return kind != ProjectKind::None; }
  // Share of the firm's capacity the new plant will hold (add_share: behaviour.add_share).
  [[nodiscard]] float share(double add_share) const { return project_share(kind, add_share); }
};
static_assert(sizeof(Project) == 16);

struct Firms {
  // Fixed at creation.
  std::vector<std::uint8_t> sector, home;
  // The agent's (sector, bloc) stratum (strata.hpp). Every agent of a stratum
  // stands for the same output, so that is held once per stratum, not per
  // firm: 2 bytes a firm instead of 8.
  std::vector<std::uint16_t> stratum;
  std::vector<double> stratum_capacity;  // [stratum] USD million of annual output each agent stands for
  int domestic_home = -1;                // home country whose firms meet domestic PLI thresholds (-1: none)
  // Annual output of one of the firms the agent represents (USD million):
  // PLI thresholds and caps apply to it. capacity / firm_size firms are represented.
  std::vector<float> firm_size;
  std::vector<float> productivity;     // relative to the reference
  std::vector<float> risk_aversion;
  std::vector<float> mix;              // [firm][market], sums to 1
  int n_markets = 0;

  // Changed by the step.
  std::vector<std::array<Plant, kMaxPlants>> plants;
  std::vector<Project> project;
  std::vector<float> india_base;     // Indian capacity at the PLI base date (units)
  std::vector<double> pli_received;  // USD million

  [[nodiscard]] std::size_t size() const { return stratum.size(); }
  void resize(std::size_t n, int markets);

  // USD million of annual output the agent stands for.
  [[nodiscard]] double capacity(std::size_t f) const { return stratum_capacity[stratum[f]]; }
  // Whether the firm meets domestic PLI thresholds.
  [[nodiscard]] bool domestic(std::size_t f) const { return home[f] == domestic_home; }

  // Largest plant's site, the firm's "home site" for events and proximity.
  [[nodiscard]] int main_site(std::size_t f) const;
  // Capacity share the firm holds in each bloc.
  [[nodiscard]] std::array<double, kNumBlocs> bloc_shares(std::size_t f, const std::vector<Bloc>& site_bloc) const;
};

}  // namespace relocsim
