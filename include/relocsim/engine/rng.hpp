#pragma once
// Random numbers that belong to (seed, firm, step, purpose), never to a thread.
//
// Every draw is a pure function of those four values: a Philox4x64 counter-based
// generator (Random123) keyed by (seed, firm) and counted by (step, purpose).
// Hence the same seed gives the same draws on any number of threads, and two
// scenarios run with one seed share their draws (common random numbers), so
// that their difference is the policy's effect and not noise.
#include <array>
#include <cstdint>

// philox.h defines the feature macros MicroURNG.hpp relies on: keep this order.
#include <Random123/philox.h>
// clang-format off
#include <Random123/MicroURNG.hpp>
// clang-format on

namespace relocsim {

// Why a draw is made. Each purpose has its own counter, so adding draws for
// one purpose never shifts those of another.
enum class Purpose : std::uint64_t {
  Population = 1,     // a firm's initial attributes
  SupplyLinks = 2,    // a firm's suppliers
  Choice = 3,         // review, nest and alternative
  ApprovalDelay = 4,  // a project's approval delay
  Disruption = 5,     // the world's random disruptions (key: the world stream)
  TasteGap = 6,       // the chosen option's shock over staying's, given the choice
};

using Philox = r123::Philox4x64;

// Four uniform doubles in [0, 1) for one (firm, step, purpose): the hot path's
// draws, one Philox call.
inline std::array<double, 4> uniforms4(std::uint64_t seed, std::uint64_t firm, std::uint64_t step,
                                       Purpose purpose) {
  const Philox::ctr_type ctr{{step, static_cast<std::uint64_t>(purpose), 0, 0}};
  const Philox::key_type key{{seed, firm}};
  const auto bits = Philox{}(ctr, key);
  // The top 53 bits make a double in [0,1) exactly; written out rather than
  // left to a library so the transform can never change under us.
  constexpr double kScale = 1.0 / 9007199254740992.0;  // 2^-53
  return {static_cast<double>(bits[0] >> 11) * kScale, static_cast<double>(bits[1] >> 11) * kScale,
          static_cast<double>(bits[2] >> 11) * kScale, static_cast<double>(bits[3] >> 11) * kScale};
}

// A C++ uniform random bit generator for Boost.Random's distributions, where a
// draw may need an unknown number of bits (rejection sampling). Its stream is
// the same (seed, firm, step, purpose) stream.
class FirmStream {
 public:
  using result_type = Philox::ctr_type::value_type;
  FirmStream(std::uint64_t seed, std::uint64_t firm, std::uint64_t step, Purpose purpose)
      : urng_(Philox::ctr_type{{step, static_cast<std::uint64_t>(purpose), 0, 0}},
              Philox::ukey_type{{seed, firm}}) {}
  result_type operator()() { return urng_(); }
  static constexpr result_type min() { return r123::MicroURNG<Philox>::min(); }
  static constexpr result_type max() { return r123::MicroURNG<Philox>::max(); }
  // Uniform double in [0, 1) by the same transform as uniforms4.
  double uniform() { return static_cast<double>(urng_() >> 11) * (1.0 / 9007199254740992.0); }

 private:
  r123::MicroURNG<Philox> urng_;
};

}  // namespace relocsim
