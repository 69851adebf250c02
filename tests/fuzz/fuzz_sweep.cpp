// libFuzzer target: a sweep definition, SWEEP.toml (see fuzz_entry.hpp).
#include "fuzz_entry.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  relocsim::fuzz::load_sweep(data, size);
  return 0;
}
