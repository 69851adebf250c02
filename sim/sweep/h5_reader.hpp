#pragma once
// Reading an HDF5 file back (merge, resume), with the run writer's handle
// and error helpers: every failure is an OutputError naming the file.
#include <string>
#include <vector>

#include "h5_handles.hpp"
#include "h5_types.hpp"

namespace relocsim::sweep {

class H5Reader {
 public:
  explicit H5Reader(const std::string& path);  // throws OutputError when it is no readable HDF5 file
  [[nodiscard]] const std::string& path() const { return path_; }

  [[nodiscard]] bool has_attr(const std::string& name) const;
  [[nodiscard]] std::string text_attr(const std::string& name) const;  // "" when absent
  template <class T>
  [[nodiscard]] T number_attr(const std::string& name, T absent = T{}) const {
    T out = absent;
    read_number_attr(name, output::h5::Type<T>::memory(), &out);
    return out;
  }
  [[nodiscard]] std::vector<std::string> attr_names() const;

  [[nodiscard]] bool has(const std::string& dataset) const;
  [[nodiscard]] std::vector<unsigned long long> shape(const std::string& dataset) const;
  [[nodiscard]] std::vector<std::string> strings(const std::string& dataset) const;
  template <class T>
  [[nodiscard]] std::vector<T> values(const std::string& dataset) const {
    std::vector<T> out(count(dataset));
    read_all(dataset, output::h5::Type<T>::memory(), out.data(), out.size());
    return out;
  }
  // One index of the first dimension.
  template <class T>
  void row(const std::string& dataset, unsigned long long index, std::vector<T>& out) const {
    out.resize(row_count(dataset));
    read_row(dataset, output::h5::Type<T>::memory(), index, out.data());
  }

 private:
  [[nodiscard]] std::size_t count(const std::string& dataset) const;
  [[nodiscard]] std::size_t row_count(const std::string& dataset) const;
  void read_number_attr(const std::string& name, hid_t type, void* out) const;
  void read_all(const std::string& dataset, hid_t type, void* out, std::size_t n) const;
  void read_row(const std::string& dataset, hid_t type, unsigned long long index, void* out) const;

  std::string path_;
  output::h5::Handle file_;
};

}  // namespace relocsim::sweep
