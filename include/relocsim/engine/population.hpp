#pragma once
// The initial firms: who they are, how large, where they produce, whom they sell to.
#include "relocsim/engine/firms.hpp"
#include "relocsim/engine/spec.hpp"

namespace relocsim {

// Each firm's attributes come from its own random stream (seed, firm, step 0),
// so firm i is the same firm whatever the number of firms after it, the
// thread count, or the scenario's policies.
Firms make_population(const ModelSpec& spec);

}  // namespace relocsim
