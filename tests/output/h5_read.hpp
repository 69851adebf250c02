#pragma once
// Reading back with the plain HDF5 C API, independent of the writer's own
// wrappers, so a bug there cannot hide itself.
#include <hdf5.h>
#include <hdf5_hl.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace relocsim::testing {

class H5Read {
 public:
  explicit H5Read(const std::string& path) : file_(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT)) {
    if (file_ < 0) throw std::runtime_error("cannot open " + path);
  }
  ~H5Read() { H5Fclose(file_); }
  H5Read(const H5Read&) = delete;
  H5Read& operator=(const H5Read&) = delete;

  [[nodiscard]] hid_t file() const { return file_; }

  [[nodiscard]] bool has(const std::string& name) const { return H5Lexists(file_, name.c_str(), H5P_DEFAULT) > 0; }

  [[nodiscard]] std::vector<hsize_t> shape(const std::string& name) const {
    Dataset d(file_, name);
    const hid_t space = H5Dget_space(d.id);
    std::vector<hsize_t> dims(static_cast<std::size_t>(H5Sget_simple_extent_ndims(space)));
    H5Sget_simple_extent_dims(space, dims.data(), nullptr);
    H5Sclose(space);
    return dims;
  }

  template <class T>
  std::vector<T> values(const std::string& name, hid_t mem_type) const {
    std::size_t n = 1;
    for (auto d : shape(name)) n *= d;
    std::vector<T> out(n);
    Dataset d(file_, name);
    if (n > 0 && H5Dread(d.id, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()) < 0) {
      throw std::runtime_error("cannot read " + name);
    }
    return out;
  }
  [[nodiscard]] std::vector<double> doubles(const std::string& name) const {
    return values<double>(name, H5T_NATIVE_DOUBLE);
  }
  [[nodiscard]] std::vector<long long> ints(const std::string& name) const {
    return values<long long>(name, H5T_NATIVE_LLONG);
  }
  [[nodiscard]] std::vector<std::string> strings(const std::string& name) const {
    Dataset d(file_, name);
    const hid_t type = H5Tcopy(H5T_C_S1);
    H5Tset_size(type, H5T_VARIABLE);
    H5Tset_cset(type, H5T_CSET_UTF8);
    std::size_t n = 1;
    for (auto dim : shape(name)) n *= dim;
    std::vector<char*> raw(n, nullptr);
    if (n > 0) H5Dread(d.id, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data());
    std::vector<std::string> out(raw.begin(), raw.end());
    const hid_t space = H5Dget_space(d.id);
    if (n > 0) H5Dvlen_reclaim(type, space, H5P_DEFAULT, raw.data());
    H5Sclose(space);
    H5Tclose(type);
    return out;
  }

  // Text attribute of the root ("/") or of a dataset.
  [[nodiscard]] std::string text_attr(const std::string& object, const std::string& name) const {
    const hid_t attr = H5Aopen_by_name(file_, object.c_str(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT);
    if (attr < 0) throw std::runtime_error("no attribute " + object + ":" + name);
    const hid_t type = H5Aget_type(attr);
    const hid_t space = H5Aget_space(attr);
    std::string out;
    if (H5Sget_simple_extent_type(space) != H5S_NULL) {
      out.resize(H5Tget_size(type));
      H5Aread(attr, type, out.data());
      out.resize(out.find('\0') == std::string::npos ? out.size() : out.find('\0'));
    }
    H5Sclose(space);
    H5Tclose(type);
    H5Aclose(attr);
    return out;
  }
  template <class T>
  T number_attr(const std::string& object, const std::string& name, hid_t mem_type) const {
    const hid_t attr = H5Aopen_by_name(file_, object.c_str(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT);
    if (attr < 0) throw std::runtime_error("no attribute " + object + ":" + name);
    T out{};
    H5Aread(attr, mem_type, &out);
    H5Aclose(attr);
    return out;
  }
  [[nodiscard]] bool attr_is_fixed_string(const std::string& object, const std::string& name) const {
    const hid_t attr = H5Aopen_by_name(file_, object.c_str(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT);
    const hid_t type = H5Aget_type(attr);
    const bool fixed = H5Tget_class(type) == H5T_STRING && H5Tis_variable_str(type) == 0;
    H5Tclose(type);
    H5Aclose(attr);
    return fixed;
  }

  // Whether `scale` is attached to dimension `index` of `variable`.
  [[nodiscard]] bool scale_attached(const std::string& variable, const std::string& scale, unsigned index) const {
    Dataset v(file_, variable), s(file_, scale);
    return H5DSis_scale(s.id) > 0 && H5DSis_attached(v.id, s.id, index) > 0;
  }

 private:
  struct Dataset {
    Dataset(hid_t file, const std::string& name) : id(H5Dopen2(file, name.c_str(), H5P_DEFAULT)) {
      if (id < 0) throw std::runtime_error("no dataset " + name);
    }
    ~Dataset() { H5Dclose(id); }
    Dataset(const Dataset&) = delete;
    Dataset& operator=(const Dataset&) = delete;
    hid_t id;
  };
  hid_t file_;
};

}  // namespace relocsim::testing
