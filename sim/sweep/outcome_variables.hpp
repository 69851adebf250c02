#pragma once
// The StepRecord variables a defined outcome may name (docs/SWEEP.md,
// "Defined outcomes"): one table, so that the reader, the checks, the
// observer and the docs agree on names, dimensions and units.
#include <cstddef>
#include <span>
#include <string>

#include "relocsim/engine/observer.hpp"

namespace relocsim::sweep {

// How a variable is indexed, which decides the selections it takes.
enum class VariableShape { Scalar, Site, Sector, SiteSector, SiteSectorMarket, BlocSector };

struct OutcomeVariable {
  const char* name;
  VariableShape shape;
  const char* units;
  const char* long_name;
  // The value at a flat index of the record's array (row-major in the
  // shape's order); scalars take index 0.
  double (*at)(const StepRecord& record, std::size_t index);
  std::size_t (*size)(const StepRecord& record);  // elements the record holds
};

std::span<const OutcomeVariable> outcome_variables();
// nullptr when there is no variable of that name.
const OutcomeVariable* find_outcome_variable(const std::string& name);
// "step × site × sector", for docs and errors.
const char* shape_text(VariableShape shape);
// The parts of a record that the engine fills only when asked (RecordParts)
// which the variable is read from: none for most.
RecordParts parts_read(const OutcomeVariable& variable);

[[nodiscard]] inline bool by_site(VariableShape s) {
  return s == VariableShape::Site || s == VariableShape::SiteSector || s == VariableShape::SiteSectorMarket;
}
[[nodiscard]] inline bool by_sector(VariableShape s) {
  return s == VariableShape::Sector || s == VariableShape::SiteSector || s == VariableShape::SiteSectorMarket ||
         s == VariableShape::BlocSector;
}

}  // namespace relocsim::sweep
