#pragma once
// Which part of a sweep this process runs. Shard k of N runs the design rows
// with row % N == k, every replicate and arm of each, so the paired
// differences of a row never need another shard.
#include <functional>
#include <optional>
#include <string>

namespace relocsim::sweep {

struct Shard {
  int index = 0;
  int count = 1;
  [[nodiscard]] bool owns_row(long long row) const { return row % count == index; }
  [[nodiscard]] std::string text() const { return std::to_string(index) + "/" + std::to_string(count); }
};

// "k/N" with 0 <= k < N; throws ConfigError naming the option otherwise.
Shard parse_shard(const std::string& text);

// From a Slurm job array: k = SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN
// (MIN taken as 0 when unset), N = SLURM_ARRAY_TASK_COUNT. So --array=0-3 and
// --array=1-4 both give shards 0..3 of 4. nullopt unless both TASK_ID and
// TASK_COUNT are set; throws ConfigError when the ids are not contiguous
// (e.g. --array=0-6:2), since then some shard would never run.
// `getenv` is a parameter so tests need not touch the environment.
std::optional<Shard> shard_from_slurm(const std::function<const char*(const char*)>& getenv);

}  // namespace relocsim::sweep
