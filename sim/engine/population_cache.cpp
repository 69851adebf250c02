#include "relocsim/engine/population_cache.hpp"

#include "relocsim/engine/population.hpp"

namespace relocsim {

BuiltPopulation build_population(PopulationInputs inputs) {
  Firms firms = make_population(inputs);
  SupplyNetwork supply(inputs, firms.sector);
  return {std::move(inputs), std::move(firms), std::move(supply)};
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
  if (capacity_ == 0) return built;
  if (kept_.size() == capacity_) kept_.pop_front();
  kept_.push_back(built);
  return built;
}

std::size_t PopulationCache::built() const {
  const std::lock_guard lock(mutex_);
  return built_;
}

}  // namespace relocsim
