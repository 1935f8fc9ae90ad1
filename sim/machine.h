// A board brought to life: its bus and regions, the System Control Space, one core, semihosting, and the
// loaded program. `mcuprof run` is a thin shell around this.
#pragma once
#include <cstdint>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cores/core.h"
#include "memory/flash_interface.h"
#include "memory/memory_timing.h"
#include "sim/board.h"
#include "sim/loader.h"
#include "sim/profiler.h"
#include "sim/semihosting.h"

namespace mcuprof {

struct RunOptions {
  uint64_t max_instructions = 10'000'000'000ull;
  unsigned trace = 0;           // keep the last N executed instructions for the stop report
  bool deliver_faults = true;  // faults go to the firmware's handlers, as on silicon (see Core::deliver_faults)
  bool functional = false;     // no timing model: one cycle per instruction, fastest
  bool profile = false;        // collect a per-function profile (Machine::profiler)
};

struct TraceEntry {
  uint32_t pc;
  uint32_t raw;
  uint8_t len;
  bool executed;  // condition passed
};

class Machine {
 public:
  Machine(const Board& board, std::ostream& out, std::istream& in, std::string cmdline = {});

  // Loads an ELF (LoadError on bad input) and resets the core from the vector table at the boot address.
  const LoadedImage& load(const std::string& elf_path);
  StopReason run(const RunOptions& options);

  // One line saying why the run stopped, where, and the instruction there, e.g.
  // "undefined instruction at 0x080001a4: udf #0".
  std::string describe_stop() const;
  // "bus fault accessing 0x60000000 at pc 0x080001a2: ldr r0, [r1]"
  std::string describe_fault(const Fault& f, uint32_t pc) const;
  std::vector<std::string> trace_lines() const;   // the last N instructions, oldest first
  std::string disassemble_at(uint32_t pc, int it_cond = -1) const;

  const Board& board() const { return board_; }
  Bus& bus() { return bus_; }
  Core& core() { return *core_; }
  const Core& core() const { return *core_; }
  const LoadedImage& image() const { return image_; }
  uint64_t cycles() const { return scs_->cycles(); }
  const Profiler* profiler() const { return profiler_.get(); }

 private:
  void build_timing();

  Board board_;
  Bus bus_;
  std::unique_ptr<SystemControl> scs_;
  std::unique_ptr<FlashInterface> flash_;       // the FLASH register block (FLASH_ACR), on boards that have one
  std::unique_ptr<Core> core_;
  std::unique_ptr<MemoryTiming> memory_timing_;
  std::unique_ptr<TimingModel> timing_;
  std::unique_ptr<Profiler> profiler_;
  Semihosting semihosting_;
  LoadedImage image_;
  std::vector<TraceEntry> trace_;
  size_t trace_next_ = 0;
};

const char* stop_reason_name(StopReason r);

}  // namespace mcuprof
