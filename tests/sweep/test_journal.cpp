// The journal keeps whole, checked records of this sweep only.
#include <catch2/catch.hpp>

#include <boost/crc.hpp>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "relocsim/engine/error.hpp"
#include "relocsim/sweep/journal.hpp"
#include "scratch_dir.hpp"

using namespace relocsim;
using namespace relocsim::sweep;

namespace {

const std::string kId = "0123456789abcdef0123456789abcdef";

RunRecord sample(long long run) {
  RunRecord r;
  r.run = run;
  r.status = kDone;
  r.outcomes.assign(kOutcomes.size(), {0.1 * static_cast<double>(run), -0.0, std::nan(""), 1e300});
  r.series.assign(kSeries.size(), std::vector<double>(30, 1.0 / 3.0));
  return r;
}

bool same_bits(const std::vector<std::vector<double>>& a, const std::vector<std::vector<double>>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].size() != b[i].size() || std::memcmp(a[i].data(), b[i].data(), a[i].size() * sizeof(double)) != 0) {
      return false;
    }
  }
  return true;
}

JournalHeader header(long long runs = 10) { return JournalHeader{kId, Shard{0, 1}, runs, "abc"}; }

}  // namespace

TEST_CASE("journal records round-trip bit for bit", "[sweep][journal]") {
  const RunRecord r = sample(3);
  const auto back = decode_record(encode_record(r, kId), kId, nullptr);
  REQUIRE(back);
  CHECK(back->run == 3);
  CHECK(back->status == kDone);
  CHECK(same_bits(back->outcomes, r.outcomes));
  CHECK(same_bits(back->series, r.series));
  CHECK(back->defined.empty());

  RunRecord with_defined = sample(5);
  with_defined.defined = {1.5, std::nan(""), -0.0};
  const auto d = decode_record(encode_record(with_defined, kId), kId, nullptr);
  REQUIRE(d);
  CHECK(same_bits({d->defined}, {with_defined.defined}));

  RunRecord failed;
  failed.run = 4;
  failed.status = kFailed;
  failed.error = "a.toml:3: behaviour.review_probability: expected a number in [0, 1], got 2.0";
  const auto f = decode_record(encode_record(failed, kId), kId, nullptr);
  REQUIRE(f);
  CHECK(f->status == kFailed);
  CHECK(f->error == failed.error);
}

// A journal written before [[outcome]] existed (record version 2, no defined
// outcomes after the series) still resumes: its records read as having none.
TEST_CASE("journal records of version 2 read as records without defined outcomes", "[sweep][journal]") {
  const RunRecord r = sample(7);
  const std::string v3 = encode_record(r, kId);
  // The record without the defined outcomes' count (none) and with `version`, checksummed anew.
  const auto as_version = [&](std::uint32_t version) {
    std::string bytes = v3.substr(0, v3.size() - 8);
    std::memcpy(bytes.data() + 4, &version, 4);
    boost::crc_32_type crc;
    crc.process_bytes(bytes.data(), bytes.size());
    const std::uint32_t sum = crc.checksum();
    bytes.append(reinterpret_cast<const char*>(&sum), 4);
    return bytes;
  };
  const auto back = decode_record(as_version(2), kId, nullptr);
  REQUIRE(back);
  CHECK(same_bits(back->outcomes, r.outcomes));
  CHECK(same_bits(back->series, r.series));
  CHECK(back->defined.empty());
  std::string why;
  CHECK_FALSE(decode_record(as_version(1), kId, &why));
  CHECK(why == "unknown record version");
  CHECK_FALSE(decode_record(as_version(3), kId, &why));  // a version 3 record must hold the count
  CHECK(why == "truncated record");
}

TEST_CASE("journal records: damaged, cut short or of another sweep are refused", "[sweep][journal]") {
  std::string bytes = encode_record(sample(1), kId);
  std::string why;
  std::string flipped = bytes;
  flipped[60] = static_cast<char>(flipped[60] ^ 1);
  CHECK_FALSE(decode_record(flipped, kId, &why));
  CHECK(why == "checksum mismatch (damaged)");
  CHECK_FALSE(decode_record(bytes.substr(0, bytes.size() / 2), kId, &why));
  CHECK_FALSE(decode_record(bytes, "ffffffffffffffffffffffffffffffff", &why));
  CHECK(why == "record of another sweep");
  CHECK_FALSE(decode_record("", kId, &why));
  CHECK(why == "not a run record");
}

TEST_CASE("journal: write, scan and read, with leftovers and damage cleared", "[sweep][journal]") {
  testing::ScratchDir dir;
  const std::string path = dir.file("out.h5.d");
  {
    Journal j(path, header(), Journal::Mode::Fresh, false);
    j.write(sample(2));
    j.write(sample(7));
    CHECK(j.read(5).status == kNotRun);
    CHECK(j.read(7).outcomes[0][0] == sample(7).outcomes[0][0]);
  }
  // What a kill -9 leaves: a temporary, and (on a bad disk) a damaged record.
  std::ofstream(path + "/.run-0000000003.rec.tmp-999") << "partial";
  std::ofstream(path + "/run-0000000004.rec") << "garbage";
  Journal j(path, header(), Journal::Mode::Resume, false);
  long long discarded = 0;
  const auto done = j.scan(&discarded);
  CHECK(discarded == 1);
  for (long long r = 0; r < 10; ++r) CHECK(done[static_cast<std::size_t>(r)] == (r == 2 || r == 7));
  CHECK_FALSE(std::filesystem::exists(path + "/.run-0000000003.rec.tmp-999"));
  CHECK_FALSE(std::filesystem::exists(path + "/run-0000000004.rec"));
  j.remove();
  CHECK_FALSE(std::filesystem::exists(path));
}

TEST_CASE("error: a journal that exists, belongs to another sweep, or is in use", "[sweep][journal][errors]") {
  testing::ScratchDir dir;
  const std::string path = dir.file("out.h5.d");
  Journal first(path, header(), Journal::Mode::Fresh, false);
  CHECK_THROWS_WITH(Journal(path, header(), Journal::Mode::Resume, false),
                    path + " is in use by another relocsim sweep; wait for it to finish");
  first.remove();
  { Journal again(path, header(), Journal::Mode::Fresh, false); }
  CHECK_THROWS_WITH(Journal(path, header(), Journal::Mode::Fresh, false),
                    path + " exists: the journal of an unfinished sweep; continue it with --resume, or use --force "
                           "to discard it and start over");
  JournalHeader other = header();
  other.sweep_id = "ffffffffffffffffffffffffffffffff";
  CHECK_THROWS_WITH(Journal(path, other, Journal::Mode::Resume, false),
                    "cannot resume " + path + ": it belongs to another sweep (sweep_id " + kId +
                        ", this one ffffffffffffffffffffffffffffffff): the sweep definition, a scenario or a data "
                        "file changed since it was started; use --force to discard it and start over");
  JournalHeader shard = header();
  shard.shard = Shard{1, 2};
  CHECK_THROWS_WITH(Journal(path, shard, Journal::Mode::Resume, false),
                    "cannot resume " + path + ": it is shard 0/1, this is shard 1/2; use --force to discard it and "
                                              "start over");
  JournalHeader build = header();
  build.git_commit = "def";
  CHECK_THROWS_WITH(Journal(path, build, Journal::Mode::Resume, false),
                    "cannot resume " + path + ": its runs were made by relocsim built from commit abc, this one is "
                                              "def; finish it with that build; use --force to discard it and start "
                                              "over");
  // --force: the old journal goes.
  Journal replaced(path, other, Journal::Mode::Fresh, true);
  CHECK(replaced.scan().size() == 10);
}
