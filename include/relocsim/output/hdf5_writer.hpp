#pragma once
// Writes one run to one HDF5 file, laid out as netCDF-4 so that h5py, pandas,
// xarray (engine="h5netcdf"), R's ncdf4 and ncdump read it without a manual.
// docs/OUTPUT.md documents every dataset and attribute.
//
// Safety: the file is written under a temporary name beside the target and
// renamed into place only by finish(). An existing target is never touched
// unless overwrite is set, and even then only at the final rename.
#include <memory>
#include <string>

#include "relocsim/engine/observer.hpp"
#include "relocsim/engine/value_breakdown_table.hpp"
#include "relocsim/output/provenance.hpp"

namespace relocsim::output {

struct WriterOptions {
  bool overwrite = false;
  int compression_level = 4;  // deflate level, 0 = none
};

class Hdf5Writer : public Observer {
 public:
  // Throws OutputError at once if the target exists and overwrite is not set,
  // or its directory is missing or not writable.
  Hdf5Writer(std::string path, Provenance provenance, WriterOptions options = {});
  ~Hdf5Writer() override;  // removes the temporary file unless finish() succeeded
  Hdf5Writer(const Hdf5Writer&) = delete;
  Hdf5Writer& operator=(const Hdf5Writer&) = delete;

  void on_start(const RunStart& start) override;
  void on_step(const StepRecord& record) override;
  void on_end(const FirmTable& firms) override;

  // The value parts behind the report's waterfall (docs/OUTPUT.md); after
  // on_start, before finish, at most once.
  void write_value_breakdown(const ValueBreakdownTable& table);

  // Records the end time, closes the file, and renames it into place.
  void finish();
  [[nodiscard]] const std::string& path() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace relocsim::output
