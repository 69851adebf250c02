#include "h5_reader.hpp"

#include <fmt/format.h>

#include <numeric>

#include "relocsim/engine/error.hpp"

namespace relocsim::sweep {
namespace h5 = output::h5;

namespace {

herr_t collect_name(hid_t /*obj*/, const char* name, const H5A_info_t* /*info*/, void* out) {
  static_cast<std::vector<std::string>*>(out)->emplace_back(name);
  return 0;
}

}  // namespace

H5Reader::H5Reader(const std::string& path) : path_(path) {
  h5::use_library();
  h5::QuietErrors quiet;
  const hid_t id = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (id < 0) {
    h5::take_error_message();
    throw OutputError(fmt::format("cannot read {}: not an HDF5 file, or no such file", path));
  }
  file_ = h5::Handle(id);
}

bool H5Reader::has_attr(const std::string& name) const {
  h5::QuietErrors quiet;
  return H5Aexists(file_.get(), name.c_str()) > 0;
}

std::string H5Reader::text_attr(const std::string& name) const {
  h5::QuietErrors quiet;
  if (!has_attr(name)) return "";
  h5::Handle attr = h5::own(H5Aopen(file_.get(), name.c_str(), H5P_DEFAULT), path_ + ": attribute " + name);
  h5::Handle type = h5::own(H5Aget_type(attr.get()), "H5Aget_type");
  h5::Handle space = h5::own(H5Aget_space(attr.get()), "H5Aget_space");
  if (H5Sget_simple_extent_type(space.get()) == H5S_NULL) return "";
  if (H5Tget_class(type.get()) != H5T_STRING) {
    throw OutputError(fmt::format("{}: attribute {} is not text", path_, name));
  }
  if (H5Tis_variable_str(type.get()) > 0) {
    // As h5py writes text (a file edited by hand); read in the file's own
    // type, since HDF5 does not convert between ASCII and UTF-8.
    char* text = nullptr;
    h5::check(H5Aread(attr.get(), type.get(), &text), path_ + ": read attribute " + name);
    std::string out = text ? text : "";
    H5free_memory(text);
    return out;
  }
  std::string out(H5Tget_size(type.get()), '\0');
  h5::check(H5Aread(attr.get(), type.get(), out.data()), path_ + ": read attribute " + name);
  if (const auto end = out.find('\0'); end != std::string::npos) out.resize(end);
  return out;
}

void H5Reader::read_number_attr(const std::string& name, hid_t type, void* out) const {
  h5::QuietErrors quiet;
  if (!has_attr(name)) return;
  h5::Handle attr = h5::own(H5Aopen(file_.get(), name.c_str(), H5P_DEFAULT), path_ + ": attribute " + name);
  h5::check(H5Aread(attr.get(), type, out), path_ + ": read attribute " + name);
}

std::vector<std::string> H5Reader::attr_names() const {
  h5::QuietErrors quiet;
  std::vector<std::string> names;
  hsize_t index = 0;
  h5::check(H5Aiterate2(file_.get(), H5_INDEX_CRT_ORDER, H5_ITER_INC, &index, collect_name, &names),
            path_ + ": list attributes");
  return names;
}

bool H5Reader::has(const std::string& dataset) const {
  h5::QuietErrors quiet;
  return H5Lexists(file_.get(), dataset.c_str(), H5P_DEFAULT) > 0;
}

std::vector<unsigned long long> H5Reader::shape(const std::string& dataset) const {
  h5::QuietErrors quiet;
  h5::Handle d = h5::own(H5Dopen2(file_.get(), dataset.c_str(), H5P_DEFAULT), path_ + ": no variable " + dataset);
  h5::Handle space = h5::own(H5Dget_space(d.get()), "H5Dget_space");
  const int rank = H5Sget_simple_extent_ndims(space.get());
  std::vector<hsize_t> dims(static_cast<std::size_t>(std::max(rank, 0)));
  if (rank > 0) H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
  return {dims.begin(), dims.end()};
}

std::size_t H5Reader::count(const std::string& dataset) const {
  const auto dims = shape(dataset);
  return std::accumulate(dims.begin(), dims.end(), std::size_t{1}, std::multiplies<>());
}

std::size_t H5Reader::row_count(const std::string& dataset) const {
  const auto dims = shape(dataset);
  return dims.empty() ? 1 : std::accumulate(dims.begin() + 1, dims.end(), std::size_t{1}, std::multiplies<>());
}

std::vector<std::string> H5Reader::strings(const std::string& dataset) const {
  h5::QuietErrors quiet;
  const std::size_t n = count(dataset);
  h5::Handle d = h5::own(H5Dopen2(file_.get(), dataset.c_str(), H5P_DEFAULT), path_ + ": no variable " + dataset);
  h5::Handle type = h5::own(H5Tcopy(H5T_C_S1), "H5Tcopy");
  h5::check(H5Tset_size(type.get(), H5T_VARIABLE), "H5Tset_size");
  h5::check(H5Tset_cset(type.get(), H5T_CSET_UTF8), "H5Tset_cset");
  std::vector<char*> raw(n, nullptr);
  if (n == 0) return {};
  h5::check(H5Dread(d.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data()), path_ + ": read " + dataset);
  std::vector<std::string> out;
  for (char* s : raw) out.emplace_back(s ? s : "");
  h5::Handle space = h5::own(H5Dget_space(d.get()), "H5Dget_space");
  H5Dvlen_reclaim(type.get(), space.get(), H5P_DEFAULT, raw.data());
  return out;
}

void H5Reader::read_all(const std::string& dataset, hid_t type, void* out, std::size_t n) const {
  h5::QuietErrors quiet;
  if (n == 0) return;
  h5::Handle d = h5::own(H5Dopen2(file_.get(), dataset.c_str(), H5P_DEFAULT), path_ + ": no variable " + dataset);
  h5::check(H5Dread(d.get(), type, H5S_ALL, H5S_ALL, H5P_DEFAULT, out), path_ + ": read " + dataset);
}

void H5Reader::read_row(const std::string& dataset, hid_t type, unsigned long long index, void* out) const {
  h5::QuietErrors quiet;
  const auto dims = shape(dataset);
  if (dims.empty() || index >= dims[0]) {
    throw OutputError(fmt::format("{}: {} has no row {}", path_, dataset, index));
  }
  h5::Handle d = h5::own(H5Dopen2(file_.get(), dataset.c_str(), H5P_DEFAULT), path_ + ": no variable " + dataset);
  std::vector<hsize_t> start(dims.size(), 0), extent(dims.begin(), dims.end());
  start[0] = index;
  extent[0] = 1;
  h5::Handle file_space = h5::own(H5Dget_space(d.get()), "H5Dget_space");
  h5::check(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr, extent.data(), nullptr),
            "select");
  h5::Handle mem_space =
      h5::own(H5Screate_simple(static_cast<int>(extent.size()), extent.data(), nullptr), "H5Screate_simple");
  h5::check(H5Dread(d.get(), type, mem_space.get(), file_space.get(), H5P_DEFAULT, out), path_ + ": read " + dataset);
}

}  // namespace relocsim::sweep
