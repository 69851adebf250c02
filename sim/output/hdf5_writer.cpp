#include "relocsim/output/hdf5_writer.hpp"

#include <fmt/format.h>

#include <optional>

#include "atomic_target.hpp"
#include "h5_handles.hpp"
#include "netcdf_layout.hpp"
#include "relocsim/engine/error.hpp"
#include "run_layout.hpp"

namespace relocsim::output {

struct Hdf5Writer::Impl {
  Impl(std::string path, Provenance p, WriterOptions o)
      : target(std::move(path), o.overwrite), provenance(std::move(p)), options(o) {}

  AtomicTarget target;
  Provenance provenance;
  WriterOptions options;
  h5::Handle file;
  std::optional<nc::Layout> layout;
  Labels labels;
  StepVariables steps;
  EventColumns events;
  ChoiceColumns choices;
  std::vector<bool> recorded;
  bool started = false, ended = false, failed = false;

  // Every entry point runs through here: HDF5 stays quiet, and any failure
  // names the file and leaves the writer unable to finish.
  template <class F>
  void guarded(F&& body) {
    h5::QuietErrors quiet;
    if (failed) throw OutputError(fmt::format("cannot write {}: an earlier write failed", target.path()));
    try {
      body();
    } catch (const OutputError& e) {
      failed = true;
      throw OutputError(fmt::format("cannot write {}: {}", target.path(), e.what()));
    } catch (...) {
      failed = true;
      throw;
    }
  }

  void require(bool ok, const char* problem) const {
    if (!ok) throw OutputError(problem);
  }
};

Hdf5Writer::Hdf5Writer(std::string path, Provenance provenance, WriterOptions options)
    : impl_(std::make_unique<Impl>(std::move(path), std::move(provenance), options)) {
  h5::use_library();
  impl_->guarded([&] {
    impl_->require(options.compression_level >= 0 && options.compression_level <= 9,
                   "compression level must be between 0 and 9");
    impl_->file = nc::create_file(impl_->target.temp_path());
  });
}

Hdf5Writer::~Hdf5Writer() {
  if (impl_->target.committed()) return;
  h5::QuietErrors quiet;
  // After a failed write the disk may be full; closing flushes caches.
  if (impl_->failed && impl_->file.valid()) h5::divert_writes(impl_->file.get());
  impl_->layout.reset();  // closes the datasets before the file
  impl_->file.reset();
  // AtomicTarget's destructor removes the temporary.
}

void Hdf5Writer::on_start(const RunStart& start) {
  auto& m = *impl_;
  m.guarded([&] {
    m.require(!m.started, "on_start called twice");
    m.require(start.records > 0, "a run needs at least one record");
    m.started = true;
    m.labels = labels_of(start.spec);
    m.recorded.assign(static_cast<std::size_t>(start.records), false);
    write_run_attributes(m.file.get(), m.provenance);
    m.layout.emplace(m.file.get(), m.options.compression_level);
    define_axes(*m.layout, start, m.labels);
    m.steps.define(*m.layout, start.pli_counterfactual);
    m.events.define(*m.layout, m.labels, start.spec.params.add_share);
    if (start.spec.run.choice_log_every > 0) m.choices.define(*m.layout, m.labels, start.spec);
    write_inputs(*m.layout, m.provenance);
  });
}

void Hdf5Writer::on_step(const StepRecord& record) {
  auto& m = *impl_;
  m.guarded([&] {
    m.require(m.started, "on_step before on_start");
    m.require(record.step >= 0 && static_cast<std::size_t>(record.step) < m.recorded.size(),
              "step record outside the run's steps");
    m.require(!m.recorded[static_cast<std::size_t>(record.step)], "step recorded twice");
    m.steps.write(record);
    m.events.append(record.step, record.events);
    if (m.choices.defined()) m.choices.append(record.choices);
    m.recorded[static_cast<std::size_t>(record.step)] = true;
  });
}

void Hdf5Writer::on_end(const FirmTable& firms) {
  auto& m = *impl_;
  m.guarded([&] {
    m.require(m.started && !m.ended, "on_end out of order");
    write_firms(*m.layout, firms, m.labels);
    m.ended = true;
  });
}

void Hdf5Writer::write_value_breakdown(const ValueBreakdownTable& table) {
  auto& m = *impl_;
  m.guarded([&] {
    m.require(m.started, "value breakdown before on_start");
    write_breakdown(*m.layout, table, m.labels);
  });
}

void Hdf5Writer::finish() {
  auto& m = *impl_;
  if (m.target.committed()) return;
  m.guarded([&] {
    m.require(m.started && m.ended, "the run did not finish (no start or no firm table)");
    std::size_t missing = 0;
    for (bool r : m.recorded) missing += r ? 0 : 1;
    if (missing > 0) {
      throw OutputError(fmt::format("the run did not finish: {} of {} steps not recorded", missing,
                                    m.recorded.size()));
    }
    m.provenance.end_time = utc_now();
    mark_complete(m.file.get(), m.provenance.end_time);
    // Flush before closing anything: a flush that fails (disk full) leaves
    // HDF5 intact, a close that fails does not (see divert_writes).
    h5::check(H5Fflush(m.file.get(), H5F_SCOPE_GLOBAL), "flush");
    m.layout->close();
    m.layout.reset();
    m.file.close();
  });
  // AtomicTarget's messages already name the file.
  try {
    m.target.commit();
  } catch (...) {
    m.failed = true;
    throw;
  }
}

const std::string& Hdf5Writer::path() const { return impl_->target.path(); }

}  // namespace relocsim::output
