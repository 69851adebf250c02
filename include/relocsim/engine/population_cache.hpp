#pragma once
// Initial firms and supply networks built once and handed to every run whose
// population inputs equal theirs. A calibration runs every point on the same
// seeds, and the points differ in parameters the population never reads, so
// each seed's firms are drawn once instead of once per point (a fifth of a
// short run's time). The runs copy what they take: nothing is shared while a
// run changes it.
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>

#include "relocsim/engine/firms.hpp"
#include "relocsim/engine/population_inputs.hpp"
#include "relocsim/engine/supply_network.hpp"

namespace relocsim {

struct BuiltPopulation {
  PopulationInputs inputs;
  Firms firms;
  SupplyNetwork supply;
};

BuiltPopulation build_population(PopulationInputs inputs);

// Memory a built population holds, in bytes, as the memory estimate counts
// it (memory_estimate.hpp).
std::size_t population_bytes(const BuiltPopulation& p);

// Thread-safe. Keeps at most `capacity` populations and at most `max_bytes`
// of them (population_bytes), dropping the oldest: the memory a run is
// checked against does not count what the cache keeps, so the cache keeps
// little (the default: 256 MiB, about 75 populations of the baseline's
// 30,000 firms, one of 2 million).
class PopulationCache {
 public:
  explicit PopulationCache(std::size_t capacity, std::size_t max_bytes = std::size_t{256} << 20)
      : capacity_(capacity), max_bytes_(max_bytes) {}

  // The population of the spec's inputs: one kept, or built now (outside
  // the lock: two runs of new inputs build at once).
  [[nodiscard]] std::shared_ptr<const BuiltPopulation> get(const ModelSpec& spec);
  // How many populations get() has built, kept or not.
  [[nodiscard]] std::size_t built() const;

 private:
  [[nodiscard]] std::shared_ptr<const BuiltPopulation> find(const PopulationInputs& inputs) const;

  mutable std::mutex mutex_;
  std::deque<std::shared_ptr<const BuiltPopulation>> kept_;
  std::size_t capacity_, max_bytes_;
  std::size_t kept_bytes_ = 0;
  std::size_t built_ = 0;
};

}  // namespace relocsim
