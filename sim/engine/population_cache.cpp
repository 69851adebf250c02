#include "relocsim/engine/population_cache.hpp"

#include "relocsim/engine/memory_estimate.hpp"
#include "relocsim/engine/population.hpp"

namespace relocsim {

BuiltPopulation build_population(PopulationInputs inputs) {
  Firms firms = make_population(inputs);
  SupplyNetwork supply(inputs, firms.sector);
  return {std::move(inputs), std::move(firms), std::move(supply)};
}

std::size_t population_bytes(const BuiltPopulation& p) {
  const std::size_t n = p.firms.size();
  return static_cast<std::size_t>(relocsim::population_bytes(n, static_cast<std::uint64_t>(p.firms.n_markets),
                                                             n > 0 ? p.supply.links() / n : 0));
}

std::shared_ptr<const BuiltPopulation> PopulationCache::find(const PopulationInputs& inputs) const {
  for (const auto& p : kept_)
    if (p->inputs == inputs) return p;
  return nullptr;
}

std::shared_ptr<const BuiltPopulation> PopulationCache::get(const ModelSpec& spec) {
  PopulationInputs inputs = population_inputs(spec);
  {
    const std::lock_guard lock(mutex_);
    if (auto p = find(inputs)) return p;
  }
  auto built = std::make_shared<const BuiltPopulation>(build_population(std::move(inputs)));
  const std::lock_guard lock(mutex_);
  ++built_;
  // Another run may have built the same meanwhile: keep one, so later runs
  // find it; the two are equal, so either serves this run.
  if (auto p = find(built->inputs)) return p;
  const std::size_t bytes = population_bytes(*built);
  if (capacity_ == 0 || bytes > max_bytes_) return built;
  while (!kept_.empty() && (kept_.size() == capacity_ || kept_bytes_ + bytes > max_bytes_)) {
    kept_bytes_ -= population_bytes(*kept_.front());
    kept_.pop_front();
  }
  kept_.push_back(built);
  kept_bytes_ += bytes;
  return built;
}

std::size_t PopulationCache::built() const {
  const std::lock_guard lock(mutex_);
  return built_;
}

}  // namespace relocsim
