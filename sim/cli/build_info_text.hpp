#pragma once
#include <string>

#include "relocsim/build_info.hpp"

namespace relocsim::cli {

inline std::string version_text() {
  return std::string("relocsim ") + build_info::version + " (commit " + build_info::git_commit + ", " +
         build_info::build_type + ", " + build_info::compiler + ", " + build_info::compile_flags + ")";
}

}  // namespace relocsim::cli
