#include "relocsim/sweep/shard.hpp"

#include <fmt/format.h>

#include <charconv>

#include "relocsim/engine/error.hpp"

namespace relocsim::sweep {
namespace {

std::optional<long long> whole_number(std::string_view text) {
  long long value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

}  // namespace

Shard parse_shard(const std::string& text) {
  const auto bad = [&] {
    return ConfigError("--shard", 0, "", fmt::format("'{}': expected k/N with 0 <= k < N, e.g. 0/4", text));
  };
  const auto slash = text.find('/');
  if (slash == std::string::npos) throw bad();
  const auto k = whole_number(std::string_view(text).substr(0, slash));
  const auto n = whole_number(std::string_view(text).substr(slash + 1));
  if (!k || !n || *n < 1 || *k < 0 || *k >= *n || *n > 1'000'000) throw bad();
  return Shard{static_cast<int>(*k), static_cast<int>(*n)};
}

std::optional<Shard> shard_from_slurm(const std::function<const char*(const char*)>& getenv) {
  const char* id = getenv("SLURM_ARRAY_TASK_ID");
  const char* count = getenv("SLURM_ARRAY_TASK_COUNT");
  if (id == nullptr || count == nullptr) return std::nullopt;
  const char* min = getenv("SLURM_ARRAY_TASK_MIN");
  const char* max = getenv("SLURM_ARRAY_TASK_MAX");
  const auto task = whole_number(id);
  const auto n = whole_number(count);
  const auto first = min != nullptr ? whole_number(min) : std::optional<long long>(0);
  if (!task || !n || !first || *n < 1) {
    throw ConfigError("SLURM_ARRAY_TASK_ID", 0, "",
                      fmt::format("cannot read a shard from SLURM_ARRAY_TASK_ID={} SLURM_ARRAY_TASK_COUNT={}", id,
                                  count));
  }
  const long long k = *task - *first;
  const auto last = max != nullptr ? whole_number(max) : std::nullopt;
  const bool contiguous = !last || *last - *first + 1 == *n;
  if (!contiguous || k < 0 || k >= *n) {
    throw ConfigError("SLURM_ARRAY_TASK_ID", 0, "",
                      fmt::format("task {} of an array of {} tasks ({}..{}) is not shard k of N; submit the array "
                                  "as --array=0-{} (contiguous ids, no step) or pass --shard k/N",
                                  *task, *n, min ? min : "?", max ? max : "?", *n - 1));
  }
  return Shard{static_cast<int>(k), static_cast<int>(*n)};
}

}  // namespace relocsim::sweep
