#include "h5_attributes.hpp"

#include <string>

#include "h5_handles.hpp"

namespace relocsim::output::h5 {
namespace {

void remove_existing(hid_t obj, const std::string& name) {
  const htri_t exists = H5Aexists(obj, name.c_str());
  check(exists, "H5Aexists " + name);
  if (exists > 0) check(H5Adelete(obj, name.c_str()), "H5Adelete " + name);
}

void write(hid_t obj, const std::string& name, hid_t mem_type, hid_t file_type, hid_t space,
           const void* data) {
  remove_existing(obj, name);
  Handle attr = own(H5Acreate2(obj, name.c_str(), file_type, space, H5P_DEFAULT, H5P_DEFAULT),
                    "create attribute " + name);
  if (data) check(H5Awrite(attr.get(), mem_type, data), "write attribute " + name);
}

}  // namespace

void set_attr(hid_t obj, std::string_view name_view, std::string_view text) {
  const std::string name(name_view);
  Handle type = own(H5Tcopy(H5T_C_S1), "H5Tcopy");
  // HDF5 has no zero-length fixed string; netCDF writes empty text as a null
  // dataspace, which ncdump, netCDF4 and h5netcdf all read as "".
  check(H5Tset_size(type.get(), text.empty() ? 1 : text.size()), "H5Tset_size");
  check(H5Tset_strpad(type.get(), H5T_STR_NULLTERM), "H5Tset_strpad");
  check(H5Tset_cset(type.get(), H5T_CSET_UTF8), "H5Tset_cset");
  Handle space = own(H5Screate(text.empty() ? H5S_NULL : H5S_SCALAR), "H5Screate");
  write(obj, name, type.get(), type.get(), space.get(), text.empty() ? nullptr : text.data());
}

void set_attr_raw(hid_t obj, std::string_view name, hid_t mem_type, hid_t file_type, const void* data,
                  std::size_t count, bool scalar) {
  const hsize_t dims[1] = {count};
  Handle space = scalar ? own(H5Screate(H5S_SCALAR), "H5Screate")
                        : own(H5Screate_simple(1, dims, nullptr), "H5Screate_simple");
  write(obj, std::string(name), mem_type, file_type, space.get(), data);
}

}  // namespace relocsim::output::h5
