#pragma once
// Owning wrappers for HDF5 identifiers and the one place HDF5 failures become
// OutputError. Private to sim/output: nothing outside it sees an hid_t.
#include <hdf5.h>

#include <string>
#include <string_view>
#include <utility>

namespace relocsim::output::h5 {

// Closes whatever kind of object it holds; H5Iget_type picks the right close
// function so one wrapper serves files, datasets, types, spaces and lists.
class Handle {
 public:
  Handle() = default;
  explicit Handle(hid_t id) : id_(id) {}
  ~Handle() { reset(); }
  Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, H5I_INVALID_HID)) {}
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      reset();
      id_ = std::exchange(other.id_, H5I_INVALID_HID);
    }
    return *this;
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;

  [[nodiscard]] hid_t get() const { return id_; }
  [[nodiscard]] bool valid() const { return id_ >= 0; }
  // Closes now and reports failure, for the file, where a failed close means
  // data did not reach the disk.
  void close();
  // Closes and ignores failure; for destructors and error paths.
  void reset() noexcept;

 private:
  hid_t id_ = H5I_INVALID_HID;
};

// HDF5 prints its error stack to stderr by default; the program reports
// errors itself, so each public entry point silences it for its duration and
// restores whatever the caller had.
class QuietErrors {
 public:
  QuietErrors();
  ~QuietErrors();
  QuietErrors(const QuietErrors&) = delete;
  QuietErrors& operator=(const QuietErrors&) = delete;

 private:
  H5E_auto2_t func_ = nullptr;
  void* data_ = nullptr;
};

// Every entry point of this library calls this before any other HDF5
// function. HDF5 1.10 cannot recover from a flush or close that failed (a
// full disk): the file stays registered, half freed, and the library's atexit
// clean-up then crashes on it, turning a clear error into a segfault. The
// writer closes everything it opens, so the clean-up has nothing to do; it is
// switched off, which HDF5 allows only before its first use.
void use_library() noexcept;

// For a file about to be thrown away after a failed write: points its
// descriptor at an anonymous in-memory file, so that the writes HDF5 makes
// while closing it succeed even when the disk is full, and the disk space of
// the (unlinked) temporary is freed even if HDF5 never manages to close it.
void divert_writes(hid_t file) noexcept;

// The messages on HDF5's current error stack, outermost call first, then
// clears the stack.
std::string take_error_message();

// Throw OutputError("<what>: <HDF5 message>") on a negative result.
[[noreturn]] void fail(std::string_view what);
inline hid_t check(hid_t id, std::string_view what) {
  if (id < 0) fail(what);
  return id;
}
inline Handle own(hid_t id, std::string_view what) { return Handle(check(id, what)); }

}  // namespace relocsim::output::h5
