// Partner shares held as counts (partner_shares.hpp) must give the shares the
// engine computed before, partner by partner in float, to the bit: supplier
// proximity enters every profit.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

#include "relocsim/engine/partner_shares.hpp"
#include "relocsim/engine/population.hpp"
#include "relocsim/engine/population_inputs.hpp"
#include "relocsim/engine/supply_network.hpp"
#include "tiny_spec.hpp"

using namespace relocsim;

namespace {

// The former computation: one float added per partner, then a division by
// the number of partners.
std::array<float, kNumBlocs> summed_partner_by_partner(const PartnerCounts& c) {
  std::array<float, kNumBlocs> share{};
  int partners = 0;
  for (int b = 0; b < kNumBlocs; ++b)
    for (std::uint32_t i = 0; i < c[b]; ++i) share[b] += 1, ++partners;
  if (partners > 0)
    for (auto& s : share) s /= static_cast<float>(partners);
  return share;
}

}  // namespace

TEST_CASE("partner shares from counts equal the shares summed partner by partner", "[supply][memory]") {
  std::mt19937 gen(7);
  std::vector<PartnerCounts> cases{{0, 0, 0}, {1, 0, 0}, {0, 0, 5}, {3, 3, 3}, {65535, 1, 0}, {21845, 21845, 21845}};
  std::uniform_int_distribution<std::uint32_t> small(0, 40), large(0, 20000);
  for (int i = 0; i < 500; ++i) cases.push_back({small(gen), small(gen), small(gen)});
  for (int i = 0; i < 200; ++i) cases.push_back({large(gen), large(gen), large(gen)});
  PartnerShares narrow, wide;
  narrow.reset(cases.size(), 65535);
  wide.reset(cases.size(), 65536);  // one partner more than 16 bits count: float shares kept
  for (std::size_t f = 0; f < cases.size(); ++f) {
    narrow.set(f, cases[f]);
    wide.set(f, cases[f]);
  }
  for (std::size_t f = 0; f < cases.size(); ++f) {
    INFO("counts " << cases[f][0] << ", " << cases[f][1] << ", " << cases[f][2]);
    const auto expected = summed_partner_by_partner(cases[f]);
    CHECK(shares_of(cases[f]) == expected);
    CHECK(narrow[f] == expected);
    CHECK(wide[f] == expected);
  }
}

TEST_CASE("a firm with more partners than 16 bits count keeps its exact shares", "[supply][memory]") {
  PartnerShares shares;
  shares.reset(2, 70000);
  shares.set(1, {69998, 1, 1});
  CHECK(shares[0] == std::array<float, kNumBlocs>{0, 0, 0});
  CHECK(shares[1] == summed_partner_by_partner({69998, 1, 1}));
  CHECK(shares[1][0] > 0.9999F);
}

TEST_CASE("the supply network counts each firm's partners by bloc", "[supply][memory]") {
  const ModelSpec spec = test::tiny_spec(2000);
  const PopulationInputs in = population_inputs(spec);
  const Firms firms = make_population(in);
  const SupplyNetwork net(in, firms.sector);
  std::vector<std::int8_t> main_bloc(firms.size());
  for (std::size_t f = 0; f < firms.size(); ++f) main_bloc[f] = static_cast<std::int8_t>(f % 4 == 3 ? -1 : f % 3);
  std::size_t most = 0;
  for (std::size_t f = 0; f < firms.size(); ++f) {
    std::size_t partners = 0;
    PartnerCounts expected{};
    net.for_each_partner(f, [&](std::uint32_t other) {
      ++partners;
      if (main_bloc[other] >= 0) ++expected[main_bloc[other]];
    });
    most = std::max(most, partners);
    CHECK(net.partner_counts(f, main_bloc) == expected);
    CHECK(net.partner_blocs(f, main_bloc) == shares_of(expected));
  }
  CHECK(net.most_partners() == most);
  CHECK(most > 2);  // some firm is a supplier as well as a buyer
}
