#pragma once
// Directed supplier -> buyer links among firms. A firm's partners, both its
// suppliers and its buyers, make its inputs cheaper where they are.
//
// Stored as the engine reads it, in two flat arrays of 32-bit firm ids: each
// buyer's drawn suppliers (a fixed number per firm, so no row index), and
// each supplier's buyers in compressed sparse rows. That is 4 + 8 x links
// bytes per firm, built without an edge list; Boost's bidirectional CSR graph,
// used before, kept an edge index per link as well and needed the edge list
// to build (32 bytes per firm at 2 links, and 16 more while building).
#include <array>
#include <cstdint>
#include <vector>

#include "relocsim/engine/firms.hpp"
#include "relocsim/engine/partner_shares.hpp"
#include "relocsim/engine/population_inputs.hpp"

namespace relocsim {

class SupplyNetwork {
 public:
  // Each firm draws `links` suppliers from its own random stream (so the
  // network does not depend on the thread count): a supplier sector by its
  // sector's supplier_mix, then a firm of that sector uniformly. With no
  // supplier_mix, or no other firm in the drawn sector, any other firm alike.
  SupplyNetwork(const PopulationInputs& in, const std::vector<std::uint8_t>& firm_sector);

  // Share of the firm's partners whose largest plant is in each bloc; zeros
  // for a firm with no partners.
  [[nodiscard]] std::array<float, kNumBlocs> partner_blocs(std::size_t firm, const std::vector<std::int8_t>& main_bloc) const;
  // The same as counts of partners in each bloc (partner_shares.hpp).
  [[nodiscard]] PartnerCounts partner_counts(std::size_t firm, const std::vector<std::int8_t>& main_bloc) const;
  // The largest number of partners (suppliers and buyers) of any firm.
  [[nodiscard]] std::size_t most_partners() const;

  // fn(partner) for each supplier and buyer of the firm.
  template <class Fn>
  void for_each_partner(std::size_t firm, Fn fn) const {
    for (std::size_t j = firm * per_firm_; j < (firm + 1) * per_firm_; ++j) fn(suppliers_[j]);
    for (std::uint32_t j = buyer_start_[firm]; j < buyer_start_[firm + 1]; ++j) fn(buyers_[j]);
  }

  [[nodiscard]] std::size_t links() const { return suppliers_.size(); }
  [[nodiscard]] std::vector<std::uint32_t> suppliers(std::size_t firm) const;

 private:
  std::size_t per_firm_ = 0;                // suppliers drawn per firm (0 with fewer than two firms)
  std::vector<std::uint32_t> suppliers_;    // [buyer][per_firm_], in draw order
  std::vector<std::uint32_t> buyer_start_;  // [firm + 1]: firm's buyers are buyers_[start[f], start[f+1])
  std::vector<std::uint32_t> buyers_;       // by supplier, each supplier's in buyer order
};

}  // namespace relocsim
