#pragma once
// Attributes as netCDF-4 reads them: text as fixed-length strings (netCDF's
// NC_CHAR; variable-length strings would read as NC_STRING arrays, which many
// tools show as lists), numbers as scalars or 1-D arrays.
#include <hdf5.h>

#include <span>
#include <string_view>
#include <type_traits>

#include "h5_types.hpp"

namespace relocsim::output::h5 {

// Each setter replaces an attribute of the same name.
void set_attr(hid_t obj, std::string_view name, std::string_view text);
void set_attr_raw(hid_t obj, std::string_view name, hid_t mem_type, hid_t file_type, const void* data,
                  std::size_t count, bool scalar);

template <class T>
  requires std::is_arithmetic_v<T>
void set_attr(hid_t obj, std::string_view name, T value) {
  set_attr_raw(obj, name, Type<T>::memory(), Type<T>::file(), &value, 1, true);
}

template <class T>
void set_attr(hid_t obj, std::string_view name, std::span<const T> values) {
  set_attr_raw(obj, name, Type<T>::memory(), Type<T>::file(), values.data(), values.size(), false);
}

}  // namespace relocsim::output::h5
