// libFuzzer target: a scenario's TOML text (see fuzz_entry.hpp).
#include "fuzz_entry.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  relocsim::fuzz::load_toml(data, size);
  return 0;
}
