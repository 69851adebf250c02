// The writer's promises about files: nothing appears under the real name
// before finish(), nothing existing is clobbered, nothing is left behind.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>

#include "relocsim/output/temporary_name.hpp"
#include "relocsim/engine/error.hpp"
#include "scratch_dir.hpp"
#include "synthetic_run.hpp"

using relocsim::OutputError;
using relocsim::output::Hdf5Writer;
using relocsim::output::WriterOptions;
using namespace relocsim::testing;

namespace {

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

std::string temp_name(const std::string& name) { return relocsim::output::temporary_name(name); }

}  // namespace

TEST_CASE("the file appears under its name only after finish()", "[output]") {
  ScratchDir dir;
  const auto run = make_synthetic_run();
  Hdf5Writer writer(dir.file("out.h5"), synthetic_provenance());
  feed(writer, run);
  CHECK(dir.entries() == std::vector<std::string>{temp_name("out.h5")});
  writer.finish();
  CHECK(dir.entries() == std::vector<std::string>{"out.h5"});
  CHECK(writer.path() == dir.file("out.h5"));
  writer.finish();  // a second call changes nothing
  CHECK(dir.entries() == std::vector<std::string>{"out.h5"});
}

TEST_CASE("an existing file is not overwritten unless asked", "[output]") {
  ScratchDir dir;
  const std::string path = dir.file("out.h5");
  write_bytes(path, "precious results");
  const auto run = make_synthetic_run();

  SECTION("without overwrite the constructor refuses and the bytes stay") {
    CHECK_THROWS_WITH(Hdf5Writer(path, synthetic_provenance()), path + " exists; use --force to overwrite");
    CHECK_THROWS_AS(Hdf5Writer(path, synthetic_provenance()), OutputError);
    CHECK(read_bytes(path) == "precious results");
    CHECK(dir.entries() == std::vector<std::string>{"out.h5"});
  }
  SECTION("with overwrite the old file stays until finish() replaces it") {
    {
      Hdf5Writer writer(path, synthetic_provenance(), WriterOptions{.overwrite = true});
      feed(writer, run);
      CHECK(read_bytes(path) == "precious results");
      writer.finish();
    }
    CHECK(read_bytes(path).substr(0, 8) == "\x89HDF\r\n\x1a\n");
    CHECK(dir.entries() == std::vector<std::string>{"out.h5"});
  }
  SECTION("an abandoned overwrite leaves the old file alone") {
    {
      Hdf5Writer writer(path, synthetic_provenance(), WriterOptions{.overwrite = true});
      feed(writer, run);
    }
    CHECK(read_bytes(path) == "precious results");
    CHECK(dir.entries() == std::vector<std::string>{"out.h5"});
  }
}

TEST_CASE("a file that appears during the run is not clobbered", "[output]") {
  ScratchDir dir;
  const std::string path = dir.file("out.h5");
  const auto run = make_synthetic_run();
  {
    Hdf5Writer writer(path, synthetic_provenance());
    feed(writer, run);
    write_bytes(path, "someone else's");
    CHECK_THROWS_WITH(writer.finish(), path + " exists; use --force to overwrite");
  }
  CHECK(read_bytes(path) == "someone else's");
  CHECK(dir.entries() == std::vector<std::string>{"out.h5"});
}

TEST_CASE("a missing or unusable directory is reported at once", "[output]") {
  ScratchDir dir;
  const std::string missing = dir.file("no/such");
  CHECK_THROWS_WITH(Hdf5Writer(missing + "/out.h5", synthetic_provenance()),
                    "cannot write " + missing + "/out.h5: directory '" + missing + "' does not exist");

  write_bytes(dir.file("plain"), "");
  CHECK_THROWS_WITH(Hdf5Writer(dir.file("plain/out.h5"), synthetic_provenance()),
                    "cannot write " + dir.file("plain/out.h5") + ": '" + dir.file("plain") + "' is not a directory");

  std::filesystem::create_directory(dir.file("sub"));
  CHECK_THROWS_WITH(Hdf5Writer(dir.file("sub"), synthetic_provenance(), WriterOptions{.overwrite = true}),
                    "cannot write " + dir.file("sub") + ": it is a directory");
}

TEST_CASE("a read-only directory is reported at once", "[output]") {
  if (::geteuid() == 0) {
    WARN("skipped: running as root, which may write anywhere");
    return;
  }
  ScratchDir dir;
  std::filesystem::create_directory(dir.file("ro"));
  std::filesystem::permissions(dir.file("ro"), std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
  CHECK_THROWS_WITH(Hdf5Writer(dir.file("ro/out.h5"), synthetic_provenance()),
                    "cannot write " + dir.file("ro/out.h5") + ": directory '" + dir.file("ro") + "' is not writable");
}

TEST_CASE("a writer destroyed without finish() leaves nothing behind", "[output]") {
  ScratchDir dir;
  const auto run = make_synthetic_run();
  SECTION("before the run starts") {
    { Hdf5Writer writer(dir.file("out.h5"), synthetic_provenance()); }
  }
  SECTION("part way through the steps, as after an interrupt") {
    Hdf5Writer writer(dir.file("out.h5"), synthetic_provenance());
    writer.on_start(run.start());
    writer.on_step(run.records[0]);
    writer.on_step(run.records[1]);
  }
  SECTION("after every step but before finish()") {
    Hdf5Writer writer(dir.file("out.h5"), synthetic_provenance());
    feed(writer, run);
  }
  CHECK(dir.entries().empty());
}

TEST_CASE("finish() refuses a run that did not complete", "[output]") {
  ScratchDir dir;
  const auto run = make_synthetic_run();
  {
    Hdf5Writer writer(dir.file("out.h5"), synthetic_provenance());
    writer.on_start(run.start());
    writer.on_step(run.records[0]);
    writer.on_end(run.firms);
    CHECK_THROWS_WITH(writer.finish(), Catch::Contains("3 of 4 steps not recorded"));
    CHECK_THROWS_AS(writer.finish(), OutputError);
  }
  CHECK(dir.entries().empty());
}

TEST_CASE("records that do not fit the run are rejected with the variable named", "[output]") {
  ScratchDir dir;
  auto run = make_synthetic_run();
  Hdf5Writer writer(dir.file("out.h5"), synthetic_provenance());
  writer.on_start(run.start());
  SECTION("wrong size") {
    run.records[0].wage.pop_back();
    CHECK_THROWS_WITH(writer.on_step(run.records[0]), Catch::Contains("variable wage: got 2 values, expected 3"));
  }
  SECTION("step out of range") {
    run.records[0].step = 4;
    CHECK_THROWS_AS(writer.on_step(run.records[0]), OutputError);
  }
  SECTION("firm table of the wrong shape") {
    for (const auto& r : run.records) writer.on_step(r);
    run.firms.plant_site.pop_back();
    CHECK_THROWS_WITH(writer.on_end(run.firms), Catch::Contains("plant_site has 11 values, expected 12"));
  }
  // Once a write failed the writer will not pretend the file is whole.
  CHECK_THROWS_AS(writer.finish(), OutputError);
}
