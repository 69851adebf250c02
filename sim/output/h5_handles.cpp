#include "h5_handles.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <fmt/format.h>

#include <vector>

#include "relocsim/engine/error.hpp"

namespace relocsim::output::h5 {
namespace {

herr_t close_any(hid_t id) {
  switch (H5Iget_type(id)) {
    case H5I_FILE: return H5Fclose(id);
    case H5I_GROUP: return H5Gclose(id);
    case H5I_DATATYPE: return H5Tclose(id);
    case H5I_DATASPACE: return H5Sclose(id);
    case H5I_DATASET: return H5Dclose(id);
    case H5I_ATTR: return H5Aclose(id);
    case H5I_GENPROP_LST: return H5Pclose(id);
    default: return H5Idec_ref(id);
  }
}

herr_t collect(unsigned /*n*/, const H5E_error2_t* err, void* out) {
  auto& lines = *static_cast<std::vector<std::string>*>(out);
  std::string line = err->func_name ? err->func_name : "";
  if (err->desc && *err->desc) {
    if (!line.empty()) line += ": ";
    line += err->desc;
  }
  lines.push_back(std::move(line));
  return 0;
}

// The file drivers put a whole report in one message ("file write failed:
// time = ..., errno = 28, error message = 'No space left on device', ...");
// the system's message is the part a user can act on.
std::string concise(std::string message) {
  const std::string key = "error message = '";
  if (auto start = message.find(key); start != std::string::npos) {
    start += key.size();
    if (auto end = message.find('\'', start); end != std::string::npos) return message.substr(start, end - start);
  }
  for (char& c : message) {
    if (c == '\n') c = ' ';
  }
  return message;
}

}  // namespace

void Handle::close() {
  if (!valid()) return;
  const herr_t rc = close_any(std::exchange(id_, H5I_INVALID_HID));
  if (rc < 0) fail("close");
}

void Handle::reset() noexcept {
  if (valid()) {
    QuietErrors quiet;
    close_any(std::exchange(id_, H5I_INVALID_HID));
  }
}

void use_library() noexcept {
  [[maybe_unused]] static const bool once = (H5dont_atexit(), true);
}

void divert_writes(hid_t file) noexcept {
  QuietErrors quiet;
  // Only the default (sec2) driver hands out a plain descriptor.
  const hid_t fapl = H5Fget_access_plist(file);
  if (fapl < 0) return;
  const bool sec2 = H5Pget_driver(fapl) == H5FD_SEC2;
  int* fd = nullptr;
  const bool have_fd = sec2 && H5Fget_vfd_handle(file, fapl, reinterpret_cast<void**>(&fd)) >= 0 && fd;
  H5Pclose(fapl);
  if (!have_fd) return;
  const int memory = ::memfd_create("relocsim-discarded-output", MFD_CLOEXEC);
  if (memory < 0) return;
  // Reads of metadata HDF5 no longer caches would now see zeros; closing
  // mostly writes, and a close that still fails is harmless since
  // use_library().
  ::dup2(memory, *fd);
  ::close(memory);
}

QuietErrors::QuietErrors() {
  H5Eget_auto2(H5E_DEFAULT, &func_, &data_);
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

QuietErrors::~QuietErrors() { H5Eset_auto2(H5E_DEFAULT, func_, data_); }

std::string take_error_message() {
  std::vector<std::string> lines;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, collect, &lines);
  H5Eclear2(H5E_DEFAULT);
  if (lines.empty()) return "unknown HDF5 error";
  // The outermost entry names the API call; the innermost says what went
  // wrong (e.g. a system error). The frames between are library internals.
  if (lines.size() == 1) return concise(lines.front());
  return concise(lines.front()) + " (" + concise(lines.back()) + ")";
}

void fail(std::string_view what) {
  throw OutputError(fmt::format("{}: {}", what, take_error_message()));
}

}  // namespace relocsim::output::h5
