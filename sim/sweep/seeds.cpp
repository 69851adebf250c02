#include "relocsim/sweep/seeds.hpp"

#include "relocsim/engine/rng.hpp"

namespace relocsim::sweep {

std::uint64_t run_seed(std::uint64_t master_seed, std::uint64_t design_row, std::uint64_t replicate) {
  constexpr std::uint64_t kSweepKey = 0x7377656570;  // "sweep": keeps these draws apart from the engine's
  const Philox::ctr_type ctr{{design_row, replicate, 0, 0}};
  const Philox::key_type key{{master_seed, kSweepKey}};
  return Philox{}(ctr, key)[0] >> 1;
}

}  // namespace relocsim::sweep
