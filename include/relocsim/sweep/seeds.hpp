#pragma once
// The seed of each run of a sweep, a pure function of (master seed, design
// row, replicate): never of the arm, the shard, the thread or the order runs
// happen to finish in. So every arm of a design row and replicate shares its
// random draws (common random numbers), and splitting a sweep into shards, or
// running it on any number of threads, cannot change a single draw.
//
//   seed = Philox4x64-10(counter = {design_row, replicate, 0, 0},
//                        key     = {master_seed, 0x7377656570 ("sweep")})[0] >> 1
//
// Philox is the engine's own generator (engine/rng.hpp), a counter-based
// generator whose outputs for distinct counters are independent for practical
// purposes. The top bit is dropped because run.seed is a TOML integer, which is
// signed 64-bit.
#include <cstdint>

namespace relocsim::sweep {

std::uint64_t run_seed(std::uint64_t master_seed, std::uint64_t design_row, std::uint64_t replicate);

}  // namespace relocsim::sweep
