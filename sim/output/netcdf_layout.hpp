#pragma once
// The netCDF-4 conventions on top of plain HDF5: named dimensions, each with a
// coordinate variable that is an HDF5 dimension scale; data variables that
// attach their axes; long_name and units on everything; chunking and
// compression for the large arrays. With these, netCDF-C (ncdump, R's ncdf4),
// h5netcdf and xarray see dimensions rather than anonymous "phony_dim_N".
#include <hdf5.h>

#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "h5_attributes.hpp"
#include "h5_handles.hpp"
#include "h5_types.hpp"

namespace relocsim::output::nc {

// A new HDF5 file (never an existing one) with netCDF-4's settings: creation
// order tracked and indexed, no object time stamps (so identical runs give
// identical files), the 1.8 format for old readers, and a strict close. Run
// files and sweep archives both start here, so every tool reads them alike.
h5::Handle create_file(const std::string& path);

// A dataset kept open while the run fills it.
class Variable {
 public:
  Variable() = default;
  Variable(h5::Handle dataset, std::string name, std::vector<hsize_t> shape);

  [[nodiscard]] hid_t id() const { return dataset_.get(); }
  [[nodiscard]] const std::string& name() const { return name_; }
  [[nodiscard]] const std::vector<hsize_t>& shape() const { return shape_; }
  // Elements in one index of the first dimension.
  [[nodiscard]] hsize_t row_size() const;

  template <class T>
  void write(std::span<const T> values) {
    write_rows(h5::Type<T>::memory(), 0, shape_.empty() ? 1 : shape_[0], values.data(), values.size());
  }
  template <class T>
  void write_row(hsize_t row, std::span<const T> values) {
    write_rows(h5::Type<T>::memory(), row, 1, values.data(), values.size());
  }
  // Extends an unlimited first dimension by values.size() / row_size() rows.
  template <class T>
  void append(std::span<const T> values) {
    append_rows(h5::Type<T>::memory(), values.data(), values.size());
  }
  void write_strings(const std::vector<std::string>& values);
  void close() { dataset_.close(); }

 private:
  void write_rows(hid_t mem_type, hsize_t first, hsize_t rows, const void* data, std::size_t count);
  void append_rows(hid_t mem_type, const void* data, std::size_t count);

  h5::Handle dataset_;
  std::string name_;
  std::vector<hsize_t> shape_;
};

// What every variable says about itself.
struct Meta {
  std::string long_name;
  std::string units = "1";
};

enum class Storage {
  Contiguous,  // small, written once
  Compressed,  // chunked, shuffle + deflate
};

class Layout {
 public:
  Layout(hid_t file, int compression_level);

  // A dimension whose coordinate variable holds the given numbers.
  template <class T>
  Variable& numeric_dimension(const std::string& name, std::span<const T> values, const Meta& meta) {
    return add_dimension(name, h5::Type<T>::memory(), h5::Type<T>::file(), values.data(), values.size(), meta,
                         false);
  }
  // An unlimited dimension, initially empty, whose coordinate is the index.
  Variable& unlimited_dimension(const std::string& name, const Meta& meta);
  // A dimension labelled by strings (ids); the labels are the coordinate.
  Variable& label_dimension(const std::string& name, const std::vector<std::string>& labels, const Meta& meta);

  // A data variable over named dimensions (all defined before). A fill value
  // becomes both the HDF5 fill and the _FillValue attribute, as netCDF does.
  template <class T>
  Variable& variable(const std::string& name, const std::vector<std::string>& dims, const Meta& meta,
                     Storage storage, std::optional<T> fill = std::nullopt) {
    return add_variable(name, dims, h5::Type<T>::memory(), h5::Type<T>::file(), meta, storage,
                        fill ? &*fill : nullptr);
  }
  // UTF-8 strings of any length, scalar when dims is empty.
  Variable& string_variable(const std::string& name, const std::vector<std::string>& dims, const Meta& meta);

  [[nodiscard]] hsize_t size(const std::string& dim) const;
  [[nodiscard]] Variable& operator[](const std::string& name);
  // Closes every dataset, so the file can close cleanly.
  void close();

 private:
  struct Dim {
    hsize_t size = 0;
    bool unlimited = false;
  };
  Variable& add_dimension(const std::string& name, hid_t mem_type, hid_t file_type, const void* data,
                          std::size_t count, const Meta& meta, bool unlimited);
  Variable& add_variable(const std::string& name, const std::vector<std::string>& dims, hid_t mem_type,
                         hid_t file_type, const Meta& meta, Storage storage, const void* fill);
  Variable& create(const std::string& name, const std::vector<std::string>& dims, hid_t file_type,
                   const Meta& meta, Storage storage, hid_t mem_type, const void* fill);

  hid_t file_;
  int compression_level_;
  std::map<std::string, Dim> dims_;
  std::map<std::string, Variable> vars_;  // std::map keeps references stable
};

// CF flag attributes for an integer code 0..labels.size()-1: flag_values,
// flag_meanings (labels made into single words, as CF requires), and
// label_coordinate naming the variable that holds the exact labels, so a
// reader can decode without a table in a manual.
void describe_labels(hid_t var, const std::vector<std::string>& labels, const std::string& label_coordinate);
template <class T>
void describe_codes(Variable& var, const std::vector<std::string>& labels, const std::string& label_coordinate) {
  std::vector<T> codes(labels.size());
  for (std::size_t i = 0; i < codes.size(); ++i) codes[i] = static_cast<T>(i);
  h5::set_attr(var.id(), "flag_values", std::span<const T>(codes));
  describe_labels(var.id(), labels, label_coordinate);
}

}  // namespace relocsim::output::nc
