#pragma once
// The engine benchmark's reference: the least a logit location choice can
// cost per firm and site on this machine. Per firm, 24 site utilities (a
// site term plus a firm term times a site slope), their exponentials, a
// cumulative sum and one counter-based draw to pick a site: the same shape
// of work as the engine's choice, with nothing else (no footprint, no risk,
// no nests, no PLI, no bookkeeping). Built with the engine's own flags: -O3,
// no fast-math.
#include <cstdint>

namespace relocsim::bench {

struct LeanResult {
  double evaluations_per_second = 0;  // firm-site utilities valued per second
  std::uint64_t checksum = 0;         // sum of the chosen sites, so no work is optimised away
};

// `firms` firms choose among `sites` sites `steps` times, in blocks over the
// threads TBB is allowed.
LeanResult lean_kernel(int firms, int sites, int steps);

}  // namespace relocsim::bench
