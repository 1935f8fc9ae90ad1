// The executor: one ARMv7E-M core that fetches from the decode cache, checks the condition (B<c> or IT),
// runs the instruction's semantics and takes exceptions. It computes architectural state only; what each
// instruction did is offered to an observer (tests now, timing models later) through StepRecord.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <vector>

#include "cores/cpu_state.h"
#include "cores/decoder/decoder.h"
#include "cores/fault.h"
#include "cores/isa/arith.h"
#include "cores/isa/inst.h"
#include "cores/system_control.h"
#include "cores/timing/timing_model.h"
#include "memory/bus.h"

namespace mcuprof {

struct MemAccess {
  uint32_t addr;
  uint32_t value;
  uint8_t size;
  bool write;
};

// What one executed instruction did (filled only when Core::record is on): the input of timing models and
// of the differential tests.
struct StepRecord {
  uint32_t pc = 0;
  const Inst* inst = nullptr;
  bool cond_passed = true;
  uint32_t next_pc = 0;        // where execution continues
  // The next five fields are one aligned 64-bit word, shape(): a timing model keys its caches on it in one load.
  // The core writes them with one store (set_shape) once the instruction is done: a wide load right after
  // narrower stores to the same bytes cannot take its data from the store buffer and waits for them.
  alignas(8) uint16_t regs_read = 0;   // core registers the semantics read (bit n = R[n])
  uint16_t regs_written = 0;   // core registers the semantics wrote
  uint8_t n_access = 0;        // entries of `access`
  bool branched = false;       // the instruction wrote the PC (taken branch, load to PC, exception return)
  uint16_t zero = 0;           // never written: the rest of the word
  CycleSplit cost;             // cycles charged to this instruction (with an exception entry taken before it)
  MemAccess access[64];

  uint64_t shape() const {
    uint64_t word;
    std::memcpy(&word, reinterpret_cast<const char*>(this) + offsetof(StepRecord, regs_read), sizeof word);
    return word;
  }
  void set_shape(uint16_t read, uint16_t written, uint8_t accesses, bool wrote_pc) {
    const uint64_t word = read | uint64_t(written) << 16 | uint64_t(accesses) << 32 | uint64_t(wrote_pc) << 40;
    std::memcpy(reinterpret_cast<char*>(this) + offsetof(StepRecord, regs_read), &word, sizeof word);
  }
};
static_assert(offsetof(StepRecord, regs_written) - offsetof(StepRecord, regs_read) == 2 &&
                  offsetof(StepRecord, n_access) - offsetof(StepRecord, regs_read) == 4 &&
                  offsetof(StepRecord, branched) - offsetof(StepRecord, regs_read) == 5 &&
                  offsetof(StepRecord, zero) - offsetof(StepRecord, regs_read) == 6,
              "shape() is one little-endian word laid out as set_shape writes it");

// Why Core::run stopped.
enum class StopReason : uint8_t {
  kNone,
  kExit,            // the program asked (semihosting SYS_EXIT)
  kFault,           // a fault the firmware did not handle (or deliver_faults off)
  kBudget,          // the instruction budget ran out
  kSleepForever,    // WFI/WFE with no event that could ever wake the core
  kLockup,          // a fault while in HardFault/NMI (B1.5.15)
};

class Core {
 public:
  Core(Bus& bus, SystemControl& scs, CoreModel model, uint8_t features);

  CpuState s;
  Bus& bus;
  SystemControl& scs;
  const CoreModel model;
  const uint8_t features;  // Feature bits the core has (FP single, double, FPv5)

  // ---- running ----
  void reset(uint32_t vector_table);     // B1.5.5 TakeReset: SP_main and PC from the vector table
  void step();                           // one instruction (or one exception entry)
  StopReason run(uint64_t max_instructions);
  uint64_t instructions = 0;
  StopReason stop_reason = StopReason::kNone;
  Fault last_fault{};                    // valid when stop_reason is kFault/kLockup
  uint32_t fault_pc = 0;
  // With deliver_faults: the fault whose handler is running (or was running at a lockup), for the report.
  bool in_fault_handler = false;
  Fault handled_fault{};
  uint32_t handled_fault_pc = 0;
  int exit_code = 0;
  // true: faults go to the firmware's handlers, as on silicon; a fault handler that then branches to itself
  // (the vendor default handler's `b .`) stops the run with that fault. false: the run stops at the fault.
  bool deliver_faults = false;
  bool record = false;
  StepRecord rec;
  // The timing model that turns each instruction into cycles, or nullptr: functional-only, one cycle each.
  // With a model attached the core records every instruction (StepRecord) for it.
  TimingModel* timing = nullptr;
  CycleSplit cycles;   // every cycle of the run by cause (DWT CYCCNT and SysTick count the same cycles)
  std::function<void(const StepRecord&)> observer;   // called after each instruction when record is on
  // BKPT #imm: return true when handled (semihosting), false to treat it as a debug event (a fault).
  std::function<bool(Core&, uint32_t imm)> on_bkpt;
  void request_stop(StopReason why, int code) {
    stop_reason = why;
    exit_code = code;
    attention_ = true;
  }

  // The decoded instruction at addr (decoded on first use; may throw Fault for an unmapped fetch).
  const Inst& fetch(uint32_t addr);
  uint32_t pc() const { return cur_pc_; }   // address of the executing instruction

  // ---- used by instruction semantics (the ARM ARM pseudocode names in comments) ----
  uint32_t reg(unsigned n) const {  // R[n]; R[15] reads as this instruction + 4
    regs_read_ |= uint16_t(1u << n);
    return s.r[n];
  }
  // R[n] = v for n < 15; SP writes ignore bits [1:0] (B1.4.7: SP_main and SP_process are word aligned).
  void set_reg(unsigned n, uint32_t v) {
    regs_written_ |= uint16_t(1u << n);
    s.r[n] = n == 13 ? v & ~3u : v;
  }
  void branch_write_pc(uint32_t addr) { next_pc_ = addr & ~1u; }   // BranchWritePC, ALUWritePC
  void bx_write_pc(uint32_t addr);                                 // BXWritePC, BLXWritePC, LoadWritePC
  uint32_t next_pc() const { return next_pc_; }
  void set_nz(uint32_t result) { s.n = result >> 31; s.z = result == 0; }
  void set_nzcv(uint32_t result, bool c, bool v) { set_nz(result); s.c = c; s.v = v; }
  bool in_it_block() const { return (s.itstate & 0xF) != 0; }
  bool last_in_it_block() const { return (s.itstate & 0xF) == 0x8; }
  bool setflags(const Inst& i) const {   // S bit, or !InITBlock() for the 16-bit encodings
    return (i.flags & kSetFlags) || ((i.flags & kSetFlagsOutsideIt) && !in_it_block());
  }
  bool condition_passed(unsigned cond) const;   // A7.3.1 ConditionPassed
  bool privileged() const { return s.ipsr != 0 || !(s.control & 1); }

  // Memory (A3.2, B2): MemA requires natural alignment (else UNALIGNED UsageFault); MemU allows unaligned
  // accesses unless CCR.UNALIGN_TRP. Unaligned accesses are split into bytes as the bus does.
  // Inline: the common case (aligned, RAM or flash within one page) is a few host instructions in the semantics.
  uint32_t mem_a(uint32_t addr, unsigned size) {
    if (addr & (size - 1)) fault(FaultKind::kUnaligned);
    return read_bytes(addr, size);
  }
  uint32_t mem_u(uint32_t addr, unsigned size) {
    if ((addr & (size - 1)) && scs.unalign_trp()) fault(FaultKind::kUnaligned);
    return read_bytes(addr, size);
  }
  void set_mem_a(uint32_t addr, unsigned size, uint32_t value) {
    if (addr & (size - 1)) fault(FaultKind::kUnaligned);
    write_bytes(addr, size, value);
  }
  void set_mem_u(uint32_t addr, unsigned size, uint32_t value) {
    if ((addr & (size - 1)) && scs.unalign_trp()) fault(FaultKind::kUnaligned);
    write_bytes(addr, size, value);
  }
  // Exclusive monitor (A3.4): local monitor only.
  void set_exclusive_monitors(uint32_t addr, unsigned size) { excl_valid_ = true; excl_addr_ = addr; (void)size; }
  bool exclusive_monitors_pass(uint32_t addr, unsigned size);   // also clears the monitor
  void clear_exclusive_local() { excl_valid_ = false; }

  // Events
  [[noreturn]] void fault(FaultKind k, std::string detail = {});
  // UNPREDICTABLE cases that depend on run-time state (ITSTATE, an address): refused like UNDEFINED, with the
  // encoding's name and `why` in the report ("UNPREDICTABLE: BX T1 inside an IT block but not last").
  [[noreturn]] void unpredictable(const Inst& i, const char* why);
  void require_outside_it(const Inst& i) {   // "if InITBlock() then UNPREDICTABLE"
    if (in_it_block()) unpredictable(i, " inside an IT block");
  }
  void require_last_in_it(const Inst& i) {   // "if InITBlock() && !LastInITBlock() then UNPREDICTABLE"
    if (in_it_block() && !last_in_it_block()) unpredictable(i, " inside an IT block but not last");
  }
  [[noreturn]] void data_fault(FaultKind k, uint32_t addr, std::string detail = {});
  void check_fp_enabled();               // ExecuteFPCheck (B1.4.8, B3.2.20): NOCP unless CPACR grants CP10/11
  void supervisor_call(uint32_t imm);    // SVC: pends SVCall; taken before the next instruction
  void breakpoint(uint32_t imm);         // BKPT: semihosting for 0xAB, else a debug event
  void wait_for_interrupt();             // WFI/WFE: sleep until SysTick or a pending exception
  void send_event() { event_register_ = true; }
  void wait_for_event();
  // MRS/MSR special registers (B5.2.2, B5.2.3): SYSm as encoded; mask is the APSR write mask (nzcvq, g)
  uint32_t read_special(unsigned sysm) const;
  void write_special(unsigned sysm, unsigned mask, uint32_t value);
  void change_processor_state(bool disable, bool affect_primask, bool affect_faultmask);   // CPS
  // IT: set ITSTATE (the step loop advances it after every instruction, ITAdvance)
  void start_it_block(uint8_t firstcond_mask) {
    itstate_written_ = true;
    attention_ = true;   // the next instructions are conditional: step_as's business
    s.itstate = firstcond_mask;
  }

  // Exceptions (B1.5.6-B1.5.8)
  void exception_entry(uint16_t exc, uint32_t return_address);  // PushStack + ExceptionTaken
  void exception_return(uint32_t exc_return);                    // ExceptionReturn
  int execution_priority() const;                                 // B1.5.4 ExecutionPriority
  bool handler_mode() const;
  uint32_t sp_main() const;
  uint32_t sp_process() const;
  void set_sp_main(uint32_t v);
  void set_sp_process(uint32_t v);

  const Decoder& decoder() const { return decoder_; }

 private:
  struct NoTiming {};   // the step loop's Model for functional-only runs
  template <class Model> Model& timing_as() const { return *static_cast<Model*>(timing); }
  template <class Model, bool kObserved> void step_as();
  template <class Model> void run_straight(uint64_t max_instructions);
  template <bool kRecording> void execute(uint32_t pc, const Inst& i, bool passed);
  template <class Model, bool kObserved, bool kClockDeferred = false> void complete(uint32_t pc, const Inst& i);
  void settle_clock();
  void count_issue_cycles(uint64_t n);
  void fault_in_step(uint32_t pc, const Fault& f);
  template <class Model, bool kObserved> void run_as(uint64_t max_instructions);
  template <bool kObserved> void run_with_model(uint64_t max_instructions);
  // fetch() through the page the last decode-cache lookup used: most instructions share their predecessor's page.
  const Inst& fetch_decoded(uint32_t addr) {
    if ((addr >> Bus::kPageBits) == last_page_number_) {
      const Inst& slot = last_page_[(addr & (Bus::kPageBytes - 1)) >> 1];
      if (slot.exec) return slot;
    }
    return fetch(addr);
  }
  void it_advance();
  void advance_time();
  void take_fault(const Fault& f, uint16_t forced = 0);
  void take_pending_exception();
  void stop(StopReason why, const Fault& f);
  void stop_in_fault_handler();
  bool process_stack_active() const;
  void select_stack(bool process);
  void sync_stack_selection();
  int basepri_group_priority() const;
  Inst& decode_slot(uint32_t addr);
  static void invalidate_code_page(void* self, uint32_t page);
  void record_access(uint32_t addr, unsigned size, uint32_t value, bool write) {
    if ((record || timing) && rec.n_access < 64) rec.access[rec.n_access++] = {addr, value, uint8_t(size), write};
  }
  // Straight to host memory when the bus has a pointer for the whole access; the slow path (devices, flash writes,
  // code pages, page-straddling and unmapped accesses) goes through the bus.
  uint32_t read_bytes(uint32_t addr, unsigned size) {
    const uint8_t* p = bus.read_ptr(addr, size);
    if (!p) return read_slow(addr, size);
    const uint32_t v = load_host(p, size);
    record_access(addr, size, v, false);
    return v;
  }
  void write_bytes(uint32_t addr, unsigned size, uint32_t value) {
    uint8_t* p = bus.write_ptr(addr, size);
    if (!p) return write_slow(addr, size, value);
    store_host(p, size, value);
    record_access(addr, size, value, true);
  }
  // Little-endian host, as the guest; a fixed-size copy per width compiles to one move (a variable-size memcpy
  // is a library call).
  static uint32_t load_host(const uint8_t* p, unsigned size) {
    if (size == 4) { uint32_t v; std::memcpy(&v, p, 4); return v; }
    if (size == 2) { uint16_t v; std::memcpy(&v, p, 2); return v; }
    return *p;
  }
  static void store_host(uint8_t* p, unsigned size, uint32_t value) {
    if (size == 4) std::memcpy(p, &value, 4);
    else if (size == 2) { const uint16_t v = uint16_t(value); std::memcpy(p, &v, 2); }
    else *p = uint8_t(value);
  }
  uint32_t read_slow(uint32_t addr, unsigned size);
  void write_slow(uint32_t addr, unsigned size, uint32_t value);
  void push_stack(uint16_t exc, uint32_t return_address);
  bool stack_write(uint32_t addr, uint32_t v);

  Decoder decoder_;
  mutable uint16_t regs_read_ = 0;   // R[n] reads and writes of the current instruction (StepRecord)
  uint16_t regs_written_ = 0;
  uint32_t cur_pc_ = 0;
  uint32_t next_pc_ = 0;
  void charge(const CycleSplit& c) {
    pending_cost_ += c;
    pending_ = true;
  }
  CycleSplit pending_cost_;          // exception entry and sleep cycles, charged with the next instruction
  bool pending_ = false;             // pending_cost_ holds cycles
  bool itstate_written_ = false;     // the instruction set ITSTATE itself (IT, exception entry/return)
  bool attention_ = false;           // run_straight must hand over to step_as after this instruction
  bool exc_return_pending_ = false;  // BXWritePC saw EXC_RETURN: return when the instruction completes
  uint32_t exc_return_value_ = 0;
  bool process_active_ = false;      // r13 currently holds SP_process
  uint64_t event_at_ = 0;            // SCS cycle count at which SysTick may next pend
  bool excl_valid_ = false;
  uint32_t excl_addr_ = 0;
  bool event_register_ = false;
  bool exception_check_ = false;   // something may be pending: look before the next instruction
  bool clock_deferred_ = false;    // a functional straight run: the clock has counted up to clock_counted_to_
  uint64_t clock_counted_to_ = 0;
  // Decode cache: one Inst per halfword of each 4 KB page that held code, allocated on first fetch.
  std::vector<std::unique_ptr<Inst[]>> icache_;
  std::vector<std::unique_ptr<Inst[]>> retired_pages_;  // invalidated this step, freed when it ends
  static constexpr uint32_t kNoPage = ~0u;
  uint32_t last_page_number_ = kNoPage;   // the decode-cache page decode_slot last returned a slot of
  Inst* last_page_ = nullptr;
};

}  // namespace mcuprof
