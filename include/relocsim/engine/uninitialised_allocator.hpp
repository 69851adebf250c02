#pragma once
// An allocator whose default construction leaves the memory as it is, for
// buffers sized to a bound before they are written: resize() then touches no
// page, so the part of the bound that is never written is never faulted in.
// Only for types whose default construction does nothing (checked below).
#include <memory>
#include <type_traits>

namespace relocsim {

template <class T>
struct UninitialisedAllocator : std::allocator<T> {
  using value_type = T;
  template <class U>
  struct rebind {
    using other = UninitialisedAllocator<U>;
  };
  UninitialisedAllocator() = default;
  template <class U>
  explicit UninitialisedAllocator(const UninitialisedAllocator<U>&) noexcept {}

  template <class U>
  void construct(U* p) noexcept {
    static_assert(std::is_trivially_default_constructible_v<U>, "only for types whose default construction is a no-op");
    ::new (static_cast<void*>(p)) U;
  }
  // Construction with arguments (copies, inserts) is std::allocator_traits'
  // own, which uses placement new when the allocator has no such construct.
};

template <class T, class U>
bool operator==(const UninitialisedAllocator<T>&, const UninitialisedAllocator<U>&) noexcept {
  return true;
}

}  // namespace relocsim
