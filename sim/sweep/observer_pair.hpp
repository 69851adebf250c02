#pragma once
// The engine takes one Observer; a sweep run keeps both the built-in
// outcomes and the defined ones, so this passes each call to two.
#include "relocsim/engine/observer.hpp"

namespace relocsim::sweep {

class ObserverPair : public Observer {
 public:
  ObserverPair(Observer& first, Observer& second) : first_(first), second_(second) {}
  [[nodiscard]] RecordParts wants() const override { return first_.wants() | second_.wants(); }
  void on_start(const RunStart& start) override {
    first_.on_start(start);
    second_.on_start(start);
  }
  void on_step(const StepRecord& record) override {
    first_.on_step(record);
    second_.on_step(record);
  }
  void on_end(const FirmTable& firms) override {
    first_.on_end(firms);
    second_.on_end(firms);
  }

 private:
  Observer& first_;
  Observer& second_;
};

}  // namespace relocsim::sweep
