// A run's record as bytes: little-endian, length-prefixed, CRC-32 at the end.
//   "RSJR" | u32 version | 32-byte sweep id | i64 run | i8 status |
//   u32 len + error | u32 count, (u32 len + f64 values) per outcome |
//   u32 count, (u32 len + f64 values) per series |
//   u32 len + f64 values of the defined outcomes ([[outcome]]; version 3) |
//   u32 crc32 of all before
// Doubles are stored bit for bit, so a resumed sweep's archive equals an
// uninterrupted one's.
#include <fmt/format.h>

#include <bit>
#include <boost/crc.hpp>
#include <cstring>

#include "relocsim/sweep/journal.hpp"

namespace relocsim::sweep {
namespace {

static_assert(std::endian::native == std::endian::little, "the journal format is little-endian");
constexpr char kMagic[4] = {'R', 'S', 'J', 'R'};
// 2: twelve outcomes (net change and gross inflow of capacity), not ten.
// 3: the defined outcomes after the series. A version 2 record is read as
// one without them: it can only belong to a sweep that defines none, since
// [[outcome]] tables change the sweep's identity.
constexpr std::uint32_t kVersion = 3;
constexpr std::uint32_t kVersionWithoutDefined = 2;
constexpr std::size_t kIdBytes = 32;

template <class T>
void put(std::string& out, T value) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  out.append(bytes, sizeof(T));
}

void put_arrays(std::string& out, const std::vector<std::vector<double>>& arrays) {
  put(out, static_cast<std::uint32_t>(arrays.size()));
  for (const auto& a : arrays) {
    put(out, static_cast<std::uint32_t>(a.size()));
    out.append(reinterpret_cast<const char*>(a.data()), a.size() * sizeof(double));
  }
}

std::uint32_t crc32(std::string_view bytes) {
  boost::crc_32_type crc;
  crc.process_bytes(bytes.data(), bytes.size());
  return crc.checksum();
}

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  template <class T>
  bool get(T& value) {
    if (bytes_.size() - pos_ < sizeof(T)) return false;
    std::memcpy(&value, bytes_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return true;
  }
  bool text(std::size_t n, std::string& out) {
    if (bytes_.size() - pos_ < n) return false;
    out.assign(bytes_.data() + pos_, n);
    pos_ += n;
    return true;
  }
  bool arrays(std::vector<std::vector<double>>& out) {
    std::uint32_t count = 0;
    if (!get(count) || count > 1024) return false;
    out.assign(count, {});
    for (auto& a : out) {
      std::uint32_t n = 0;
      if (!get(n) || (bytes_.size() - pos_) / sizeof(double) < n) return false;
      a.resize(n);
      std::memcpy(a.data(), bytes_.data() + pos_, n * sizeof(double));
      pos_ += n * sizeof(double);
    }
    return true;
  }
  bool doubles(std::vector<double>& out) {
    std::uint32_t n = 0;
    if (!get(n) || (bytes_.size() - pos_) / sizeof(double) < n) return false;
    out.resize(n);
    if (n > 0) std::memcpy(out.data(), bytes_.data() + pos_, n * sizeof(double));  // data() may be null when empty
    pos_ += n * sizeof(double);
    return true;
  }
  [[nodiscard]] std::size_t pos() const { return pos_; }

 private:
  std::string_view bytes_;
  std::size_t pos_ = 0;
};

}  // namespace

std::string encode_record(const RunRecord& r, const std::string& sweep_id) {
  std::string out(kMagic, sizeof kMagic);
  put(out, kVersion);
  std::string id = sweep_id;
  id.resize(kIdBytes, ' ');
  out += id;
  put(out, static_cast<std::int64_t>(r.run));
  put(out, r.status);
  put(out, static_cast<std::uint32_t>(r.error.size()));
  out += r.error;
  put_arrays(out, r.outcomes);
  put_arrays(out, r.series);
  put(out, static_cast<std::uint32_t>(r.defined.size()));
  if (!r.defined.empty()) out.append(reinterpret_cast<const char*>(r.defined.data()), r.defined.size() * sizeof(double));
  put(out, crc32(out));
  return out;
}

std::optional<RunRecord> decode_record(std::string_view bytes, const std::string& sweep_id, std::string* why) {
  const auto fail = [&](const char* reason) -> std::optional<RunRecord> {
    if (why != nullptr) *why = reason;
    return std::nullopt;
  };
  if (bytes.size() < sizeof kMagic + 4 || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0) {
    return fail("not a run record");
  }
  std::uint32_t stored_crc = 0;
  std::memcpy(&stored_crc, bytes.data() + bytes.size() - 4, 4);
  if (crc32(bytes.substr(0, bytes.size() - 4)) != stored_crc) return fail("checksum mismatch (damaged)");
  Reader in(bytes.substr(0, bytes.size() - 4));
  std::string magic, id;
  std::uint32_t version = 0, error_size = 0;
  std::int64_t run = 0;
  RunRecord r;
  in.text(sizeof kMagic, magic);
  if (!in.get(version) || (version != kVersion && version != kVersionWithoutDefined)) {
    return fail("unknown record version");
  }
  std::string expected = sweep_id;
  expected.resize(kIdBytes, ' ');
  if (!in.text(kIdBytes, id) || id != expected) return fail("record of another sweep");
  if (!in.get(run) || !in.get(r.status) || !in.get(error_size) || !in.text(error_size, r.error) ||
      !in.arrays(r.outcomes) || !in.arrays(r.series) || (version == kVersion && !in.doubles(r.defined)) ||
      in.pos() != bytes.size() - 4) {
    return fail("truncated record");
  }
  if (r.status != kDone && r.status != kFailed) return fail("bad status");
  r.run = run;
  return r;
}

}  // namespace relocsim::sweep
