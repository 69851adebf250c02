#include "netcdf_layout.hpp"

#include <fmt/format.h>
#include <hdf5_hl.h>

#include <algorithm>
#include <numeric>

#include "relocsim/engine/error.hpp"

namespace relocsim::output::nc {
namespace {

// Large enough that compression works on whole records, small enough that a
// chunk being filled one step at a time stays in HDF5's 1 MiB chunk cache and
// is compressed once.
constexpr hsize_t kChunkBytes = 256 * 1024;

h5::Handle utf8_string_type() {
  h5::Handle type = h5::own(H5Tcopy(H5T_C_S1), "H5Tcopy");
  h5::check(H5Tset_size(type.get(), H5T_VARIABLE), "H5Tset_size");
  h5::check(H5Tset_cset(type.get(), H5T_CSET_UTF8), "H5Tset_cset");
  return type;
}

std::vector<hsize_t> chunk_shape(const std::vector<hsize_t>& shape, bool first_unlimited, std::size_t elem) {
  std::vector<hsize_t> chunk(shape.size());
  hsize_t row_bytes = elem;
  for (std::size_t i = 1; i < shape.size(); ++i) {
    chunk[i] = std::max<hsize_t>(shape[i], 1);
    row_bytes *= chunk[i];
  }
  hsize_t rows = std::max<hsize_t>(kChunkBytes / row_bytes, 1);
  if (!first_unlimited) rows = std::min(rows, std::max<hsize_t>(shape[0], 1));
  chunk[0] = rows;
  return chunk;
}

std::string flag_word(const std::string& label) {
  if (label.empty()) return "unnamed";
  std::string word = label;
  for (char& c : word) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                         c == '_' || c == '-' || c == '.' || c == '+' || c == '@';
    if (!allowed) c = '_';
  }
  return word;
}

}  // namespace

Variable::Variable(h5::Handle dataset, std::string name, std::vector<hsize_t> shape)
    : dataset_(std::move(dataset)), name_(std::move(name)), shape_(std::move(shape)) {}

hsize_t Variable::row_size() const {
  return std::accumulate(shape_.begin() + (shape_.empty() ? 0 : 1), shape_.end(), hsize_t{1},
                         std::multiplies<>());
}

void Variable::write_rows(hid_t mem_type, hsize_t first, hsize_t rows, const void* data, std::size_t count) {
  if (count != rows * row_size()) {
    throw OutputError(fmt::format("variable {}: got {} values, expected {}", name_, count, rows * row_size()));
  }
  if (shape_.empty()) {
    h5::check(H5Dwrite(id(), mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), "write " + name_);
    return;
  }
  if (first + rows > shape_[0]) {
    throw OutputError(fmt::format("variable {}: rows {}..{} outside 0..{}", name_, first, first + rows, shape_[0]));
  }
  if (count == 0) return;
  std::vector<hsize_t> start(shape_.size(), 0), extent = shape_;
  start[0] = first;
  extent[0] = rows;
  h5::Handle file_space = h5::own(H5Dget_space(id()), "H5Dget_space " + name_);
  h5::check(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr, extent.data(), nullptr),
            "select " + name_);
  h5::Handle mem_space =
      h5::own(H5Screate_simple(static_cast<int>(extent.size()), extent.data(), nullptr), "H5Screate_simple");
  h5::check(H5Dwrite(id(), mem_type, mem_space.get(), file_space.get(), H5P_DEFAULT, data), "write " + name_);
}

void Variable::append_rows(hid_t mem_type, const void* data, std::size_t count) {
  const hsize_t row = row_size();
  if (row == 0 || count % row != 0) {
    throw OutputError(fmt::format("variable {}: {} values are not whole rows of {}", name_, count, row));
  }
  const hsize_t rows = count / row;
  if (rows == 0) return;
  const hsize_t first = shape_[0];
  std::vector<hsize_t> grown = shape_;
  grown[0] += rows;
  h5::check(H5Dset_extent(id(), grown.data()), "extend " + name_);
  shape_ = std::move(grown);
  write_rows(mem_type, first, rows, data, count);
}

void Variable::write_strings(const std::vector<std::string>& values) {
  if (values.size() != (shape_.empty() ? 1 : row_size() * shape_[0])) {
    throw OutputError(fmt::format("variable {}: got {} strings", name_, values.size()));
  }
  std::vector<const char*> pointers;
  pointers.reserve(values.size());
  for (const auto& v : values) pointers.push_back(v.c_str());
  if (pointers.empty()) return;
  h5::Handle type = utf8_string_type();
  h5::check(H5Dwrite(id(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()), "write " + name_);
}

h5::Handle create_file(const std::string& name) {
  // netCDF-4 tracks and indexes creation order so that it can list
  // variables and attributes in the order they were defined.
  h5::Handle fcpl = h5::own(H5Pcreate(H5P_FILE_CREATE), "H5Pcreate");
  const unsigned order = H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED;
  h5::check(H5Pset_link_creation_order(fcpl.get(), order), "H5Pset_link_creation_order");
  h5::check(H5Pset_attr_creation_order(fcpl.get(), order), "H5Pset_attr_creation_order");
  h5::check(H5Pset_obj_track_times(fcpl.get(), false), "H5Pset_obj_track_times");
  h5::Handle fapl = h5::own(H5Pcreate(H5P_FILE_ACCESS), "H5Pcreate");
  // The 1.8 format: readable by every HDF5 and netCDF-4 library still in use
  // (R packages are often built against old ones).
  h5::check(H5Pset_libver_bounds(fapl.get(), H5F_LIBVER_V18, H5F_LIBVER_V18), "H5Pset_libver_bounds");
  // Closing the file fails if a dataset was left open, rather than silently
  // deferring the close (and the flush) to whenever that dataset goes.
  h5::check(H5Pset_fclose_degree(fapl.get(), H5F_CLOSE_SEMI), "H5Pset_fclose_degree");
  return h5::own(H5Fcreate(name.c_str(), H5F_ACC_EXCL, fcpl.get(), fapl.get()), "create " + name);
}


Layout::Layout(hid_t file, int compression_level) : file_(file), compression_level_(compression_level) {
  if (compression_level_ > 0 && H5Zfilter_avail(H5Z_FILTER_DEFLATE) <= 0) {
    throw OutputError("this HDF5 library has no deflate filter; use compression level 0");
  }
}

Variable& Layout::add_dimension(const std::string& name, hid_t mem_type, hid_t file_type, const void* data,
                                std::size_t count, const Meta& meta, bool unlimited) {
  // netCDF numbers dimensions in creation order; readers that honour
  // _Netcdf4Dimid then list them in the order they were defined here.
  const auto dimid = static_cast<std::int32_t>(dims_.size());
  if (dims_.count(name)) throw OutputError("dimension " + name + " defined twice");
  dims_[name] = Dim{count, unlimited};
  Variable& var = create(name, {name}, file_type, meta,
                         unlimited ? Storage::Compressed : Storage::Contiguous, mem_type, nullptr);
  h5::check(H5DSset_scale(var.id(), name.c_str()), "H5DSset_scale " + name);
  h5::set_attr(var.id(), "_Netcdf4Dimid", dimid);
  if (data && count > 0) h5::check(H5Dwrite(var.id(), mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), "write " + name);
  return var;
}

Variable& Layout::unlimited_dimension(const std::string& name, const Meta& meta) {
  return add_dimension(name, h5::Type<std::int32_t>::memory(), h5::Type<std::int32_t>::file(), nullptr, 0, meta,
                       true);
}

Variable& Layout::label_dimension(const std::string& name, const std::vector<std::string>& labels,
                                  const Meta& meta) {
  h5::Handle type = utf8_string_type();
  Variable& var = add_dimension(name, type.get(), type.get(), nullptr, labels.size(), meta, false);
  var.write_strings(labels);
  return var;
}

Variable& Layout::add_variable(const std::string& name, const std::vector<std::string>& dims, hid_t mem_type,
                               hid_t file_type, const Meta& meta, Storage storage, const void* fill) {
  for (const auto& d : dims) {
    if (!dims_.count(d)) throw OutputError("variable " + name + ": dimension " + d + " not defined");
  }
  Variable& var = create(name, dims, file_type, meta, storage, mem_type, fill);
  for (std::size_t i = 0; i < dims.size(); ++i) {
    h5::check(H5DSattach_scale(var.id(), vars_.at(dims[i]).id(), static_cast<unsigned>(i)),
              "attach " + dims[i] + " to " + name);
  }
  if (fill) h5::set_attr_raw(var.id(), "_FillValue", mem_type, file_type, fill, 1, true);
  return var;
}

Variable& Layout::string_variable(const std::string& name, const std::vector<std::string>& dims,
                                  const Meta& meta) {
  h5::Handle type = utf8_string_type();
  return add_variable(name, dims, type.get(), type.get(), meta, Storage::Contiguous, nullptr);
}

Variable& Layout::create(const std::string& name, const std::vector<std::string>& dims, hid_t file_type,
                         const Meta& meta, Storage storage, hid_t mem_type, const void* fill) {
  if (vars_.count(name)) throw OutputError("variable " + name + " defined twice");
  std::vector<hsize_t> shape, max_shape;
  bool unlimited = false, empty = false;
  for (const auto& d : dims) {
    const Dim& dim = dims_.at(d);
    shape.push_back(dim.size);
    max_shape.push_back(dim.unlimited ? H5S_UNLIMITED : dim.size);
    unlimited = unlimited || dim.unlimited;
    empty = empty || (dim.size == 0 && !dim.unlimited);
  }
  h5::Handle space = dims.empty() ? h5::own(H5Screate(H5S_SCALAR), "H5Screate")
                                  : h5::own(H5Screate_simple(static_cast<int>(shape.size()), shape.data(),
                                                             max_shape.data()),
                                            "H5Screate_simple");
  h5::Handle dcpl = h5::own(H5Pcreate(H5P_DATASET_CREATE), "H5Pcreate");
  h5::check(H5Pset_attr_creation_order(dcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
            "H5Pset_attr_creation_order");
  // No modification times in object headers (netCDF omits them too), so two
  // runs of the same model differ only in their provenance attributes.
  h5::check(H5Pset_obj_track_times(dcpl.get(), false), "H5Pset_obj_track_times");
  const bool variable_length = H5Tis_variable_str(file_type) > 0;
  // A chunk may not exceed a fixed dimension, so an empty one stays contiguous.
  if (unlimited || (storage == Storage::Compressed && !dims.empty() && !empty)) {
    auto chunk = chunk_shape(shape, unlimited, H5Tget_size(file_type));
    h5::check(H5Pset_chunk(dcpl.get(), static_cast<int>(chunk.size()), chunk.data()), "H5Pset_chunk " + name);
    // Deflate on variable-length strings would compress only heap pointers.
    if (compression_level_ > 0 && !variable_length) {
      h5::check(H5Pset_shuffle(dcpl.get()), "H5Pset_shuffle");
      h5::check(H5Pset_deflate(dcpl.get(), static_cast<unsigned>(compression_level_)), "H5Pset_deflate");
    }
  }
  if (fill) h5::check(H5Pset_fill_value(dcpl.get(), mem_type, fill), "H5Pset_fill_value " + name);
  h5::Handle dataset = h5::own(H5Dcreate2(file_, name.c_str(), file_type, space.get(), H5P_DEFAULT, dcpl.get(),
                                          H5P_DEFAULT),
                               "create variable " + name);
  h5::set_attr(dataset.get(), "long_name", meta.long_name);
  h5::set_attr(dataset.get(), "units", meta.units);
  auto [it, inserted] = vars_.emplace(name, Variable(std::move(dataset), name, shape));
  return it->second;
}

hsize_t Layout::size(const std::string& dim) const { return dims_.at(dim).size; }

Variable& Layout::operator[](const std::string& name) {
  auto it = vars_.find(name);
  if (it == vars_.end()) throw OutputError("no variable " + name);
  return it->second;
}

void Layout::close() {
  for (auto& [name, var] : vars_) var.close();
}

void describe_labels(hid_t var, const std::vector<std::string>& labels, const std::string& label_coordinate) {
  std::string meanings;
  for (const auto& label : labels) {
    if (!meanings.empty()) meanings += ' ';
    meanings += flag_word(label);
  }
  h5::set_attr(var, "flag_meanings", meanings);
  if (!label_coordinate.empty()) {
    h5::set_attr(var, "label_coordinate", label_coordinate);
    h5::set_attr(var, "comment",
                 fmt::format("a code is an index into the coordinate variable {}, which holds the labels",
                             label_coordinate));
  }
}

}  // namespace relocsim::output::nc
