#pragma once
// SHA-256 (FIPS 180-4), for the sweep's identity and the hashes of its input
// files. A standard hash rather than a home-made one so that a user can check
// an input against the archive with `sha256sum`.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace relocsim::sweep {

class Sha256 {
 public:
  Sha256();
  void update(std::string_view bytes);
  // The digest as 64 lowercase hex digits; the object is spent afterwards.
  std::string hex();

 private:
  void block(const unsigned char* p);
  std::array<std::uint32_t, 8> h_;
  std::array<unsigned char, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t length_ = 0;  // bytes hashed so far
};

std::string sha256_hex(std::string_view bytes);

}  // namespace relocsim::sweep
