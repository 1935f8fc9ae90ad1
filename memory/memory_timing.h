// How long memory takes, as seen by a core's timing model: the board's memory system (flash wait states, the
// STM32F4 ART accelerator, the Cortex-M7 L1 caches, TCMs, SRAM) behind one interface. Functional behaviour
// (what is read) stays in Bus; this only says when. Implementations keep their own state (prefetch buffers,
// cache tags) and read the control registers firmware writes (FLASH_ACR, SCB CCR.IC/DC).
#pragma once
#include <cstdint>

#include "cores/timing/timing_model.h"

namespace mcuprof {

// Cycles a memory access waits beyond the core's zero-wait-state timing, and why (kFlashWait, kCacheMiss or
// kMemory); {0, kIssue} when it does not wait.
struct Wait {
  uint32_t cycles = 0;
  Cause cause = Cause::kIssue;
};

struct AddressWindow {
  uint32_t base = 0, size = 0;
  bool contains(uint32_t addr) const { return addr - base < size; }
};

// Where an access is known to cost nothing and change nothing: a whole region (TCM, zero-wait RAM) and the
// line an accelerator or cache just served, kept apart so that code or data alternating between the two (weights
// in cached flash, activations in TCM) stays on the fast path.
struct QuietWindows {
  AddressWindow region, line;
  bool contains(uint32_t addr) const { return region.contains(addr) || line.contains(addr); }
};

class MemoryTiming {
 public:
  virtual ~MemoryTiming() = default;
  // The core's fetch unit reads the aligned block containing addr (32 bits on the Cortex-M4 I-bus, 64 bits on
  // the Cortex-M7) at cycle `now`.
  virtual Wait fetch(uint32_t addr, uint64_t now) = 0;
  // A data access of `size` bytes at cycle `now` (a load waits for its data; a store may be absorbed by a write
  // buffer, which the core model decides).
  virtual Wait data(uint32_t addr, unsigned size, bool write, uint64_t now) = 0;
  // Firmware changed FLASH_ACR, or cache enables / maintenance in the SCB: drop or rebuild state as hardware
  // does (the implementation registers what it watches; this is the notification).
  virtual void reset() = 0;

  // What core models call once per fetch block and data access: fetch() and data(), without the virtual call
  // inside the quiet windows.
  Wait fetch_wait(uint32_t addr, uint64_t now) { return quiet_fetch_.contains(addr) ? Wait{} : fetch(addr, now); }
  Wait data_wait(uint32_t addr, unsigned size, bool write, uint64_t now) {
    return quiet_data_.contains(addr) ? Wait{} : data(addr, size, write, now);
  }

 protected:
  // Addresses where fetch() (data()) would return {} and change no state: a fast path, empty unless an
  // implementation sets it. An implementation keeps it true, narrowing or clearing it whenever that could end.
  QuietWindows quiet_fetch_, quiet_data_;
};

}  // namespace mcuprof
