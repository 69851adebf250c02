#pragma once
// Which HDF5 type stands for which C++ type, in memory and in the file. The
// file types are fixed little-endian so a file reads the same on any host.
#include <hdf5.h>

#include <cstdint>

namespace relocsim::output::h5 {

template <class T>
struct Type;

#define RELOCSIM_H5_TYPE(CXX, MEM, FILE)          \
  template <>                                     \
  struct Type<CXX> {                              \
    static hid_t memory() { return MEM; }         \
    static hid_t file() { return FILE; }          \
  }

RELOCSIM_H5_TYPE(std::int8_t, H5T_NATIVE_INT8, H5T_STD_I8LE);
RELOCSIM_H5_TYPE(std::uint8_t, H5T_NATIVE_UINT8, H5T_STD_U8LE);
RELOCSIM_H5_TYPE(std::int16_t, H5T_NATIVE_INT16, H5T_STD_I16LE);
RELOCSIM_H5_TYPE(std::int32_t, H5T_NATIVE_INT32, H5T_STD_I32LE);
RELOCSIM_H5_TYPE(std::uint32_t, H5T_NATIVE_UINT32, H5T_STD_U32LE);
RELOCSIM_H5_TYPE(std::int64_t, H5T_NATIVE_INT64, H5T_STD_I64LE);
RELOCSIM_H5_TYPE(std::uint64_t, H5T_NATIVE_UINT64, H5T_STD_U64LE);
RELOCSIM_H5_TYPE(float, H5T_NATIVE_FLOAT, H5T_IEEE_F32LE);
RELOCSIM_H5_TYPE(double, H5T_NATIVE_DOUBLE, H5T_IEEE_F64LE);

#undef RELOCSIM_H5_TYPE

}  // namespace relocsim::output::h5
