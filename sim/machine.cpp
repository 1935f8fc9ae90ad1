#include "sim/machine.h"

#include <cstdio>
#include <stdexcept>

#include "cores/timing/cortex_m4_timing.h"
#include "cores/timing/cortex_m7_timing.h"
#include "memory/stm32_memory_timing.h"
#include "memory/zero_wait_memory.h"
#include "sim/disassembler.h"

namespace mcuprof {

const char* stop_reason_name(StopReason r) {
  switch (r) {
    case StopReason::kNone: return "running";
    case StopReason::kExit: return "exit";
    case StopReason::kFault: return "fault";
    case StopReason::kBudget: return "instruction-budget";
    case StopReason::kSleepForever: return "sleep-forever";
    case StopReason::kLockup: return "lockup";
  }
  return "unknown";
}

Machine::Machine(const Board& board, std::ostream& out, std::istream& in, std::string cmdline)
    : board_(board), semihosting_(out, in, std::move(cmdline)) {
  build_bus(board_, bus_);
  scs_ = std::make_unique<SystemControl>(board_.core, board_.cpuid, board_.scs);
  bus_.add_device("scs", SystemControl::kBase, SystemControl::kSize, scs_.get());
  core_ = std::make_unique<Core>(bus_, *scs_, board_.core, board_.features);
  build_timing();
  semihosting_.set_clock_hz(board_.clock_hz);
  core_->on_bkpt = [this](Core& c, uint32_t imm) { return imm == 0xAB && semihosting_.handle(c); };
}

// The board's memory system timing (flash wait states, ART, L1 caches) and the core's pipeline model.
// Boards without a flash interface (the MPS2 images: code in SRAM) have zero-wait-state memory.
void Machine::build_timing() {
  if (board_.flash_interface_base) {
    const FlashFamily family = board_.core == CoreModel::kCortexM4 ? FlashFamily::kStm32F4 : FlashFamily::kStm32F7;
    flash_ = std::make_unique<FlashInterface>(family, board_.wait_states_at(board_.clock_hz));
    bus_.add_device("flash-interface", board_.flash_interface_base, FlashInterface::kBlockBytes, flash_.get());
    memory_timing_ = make_stm32_memory_timing(board_, *flash_, *scs_);
  } else {
    memory_timing_ = std::make_unique<ZeroWaitMemory>();
  }
  if (board_.core == CoreModel::kCortexM4)
    timing_ = std::make_unique<CortexM4Timing>(core_->decoder(), *memory_timing_, &core_->s);
  else
    timing_ = std::make_unique<CortexM7Timing>(core_->decoder(), *memory_timing_, board_.m7);
}

const LoadedImage& Machine::load(const std::string& elf_path) {
  image_ = load_elf(elf_path, bus_);
  semihosting_.set_heap_info(Semihosting::heap_info_for(image_, bus_));
  core_->reset(board_.boot_address);
  return image_;
}

StopReason Machine::run(const RunOptions& options) {
  Core& c = *core_;
  c.deliver_faults = options.deliver_faults;
  c.timing = options.functional ? nullptr : timing_.get();
  trace_.assign(options.trace, TraceEntry{});
  trace_next_ = 0;
  profiler_ = options.profile ? std::make_unique<Profiler>(image_.symbols) : nullptr;
  c.record = options.trace || options.profile;
  c.observer = [this](const StepRecord& r) {
    if (!trace_.empty()) trace_[trace_next_++ % trace_.size()] = {r.pc, r.inst->raw, r.inst->len, r.cond_passed};
    if (profiler_) profiler_->on_step(r);
  };
  return c.run(options.max_instructions);
}

std::string Machine::disassemble_at(uint32_t pc, int it_cond) const {
  uint32_t lo = 0, hi = 0;
  Bus& b = const_cast<Bus&>(bus_);
  if (!b.read(pc, 2, lo)) return "<no code at this address>";
  const bool wide = is_t32_prefix(uint16_t(lo));
  if (wide && !b.read(pc + 2, 2, hi)) return "<no code at this address>";
  const uint8_t bytes[4] = {uint8_t(lo), uint8_t(lo >> 8), uint8_t(hi), uint8_t(hi >> 8)};
  return disassemble(pc, bytes, wide ? 4 : 2, nullptr, it_cond);
}

namespace {
std::string hex(uint32_t v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%08x", v);
  return buf;
}
}  // namespace

std::string Machine::describe_stop() const {
  const Core& c = *core_;
  switch (c.stop_reason) {
    case StopReason::kExit: return "program exited with code " + std::to_string(c.exit_code);
    case StopReason::kBudget:
      return "instruction budget of " + std::to_string(c.instructions) + " instructions exhausted at pc " +
             hex(c.s.r[15]) + ": " + disassemble_at(c.s.r[15]);
    case StopReason::kSleepForever:
      return "WFI/WFE with no interrupt source enabled: the core would sleep forever, at pc " + hex(c.pc()) +
             ": " + disassemble_at(c.pc());
    case StopReason::kFault:
    case StopReason::kLockup: {
      std::string line = (c.stop_reason == StopReason::kLockup ? "lockup: " : "") + describe_fault(c.last_fault, c.fault_pc);
      if (c.stop_reason == StopReason::kFault && c.in_fault_handler)
        line += " (the firmware's fault handler loops forever at " + hex(c.pc()) + ")";
      if (c.stop_reason == StopReason::kLockup && c.in_fault_handler)
        line += ", while handling a " + std::string(fault_name(c.handled_fault.kind)) + " at pc " + hex(c.handled_fault_pc);
      return line;
    }
    case StopReason::kNone: break;
  }
  return "running";
}

std::string Machine::describe_fault(const Fault& f, uint32_t pc) const {
  std::string line = fault_name(f.kind);
  if (!f.detail.empty()) line += " (" + f.detail + ")";
  if (f.address_valid) line += " accessing " + hex(f.address);
  return line + " at pc " + hex(pc) + ": " + disassemble_at(pc);
}

std::vector<std::string> Machine::trace_lines() const {
  std::vector<std::string> lines;
  const size_t n = std::min(trace_next_, trace_.size());
  for (size_t k = trace_next_ - n; k < trace_next_; ++k) {
    const TraceEntry& t = trace_[k % trace_.size()];
    const uint8_t bytes[4] = {uint8_t(t.raw >> (t.len == 4 ? 16 : 0)), uint8_t(t.raw >> (t.len == 4 ? 24 : 8)),
                              uint8_t(t.raw), uint8_t(t.raw >> 8)};
    lines.push_back(hex(t.pc) + ": " + disassemble(t.pc, bytes, t.len) + (t.executed ? "" : "   ; condition failed"));
  }
  return lines;
}

}  // namespace mcuprof
