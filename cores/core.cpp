#include "cores/core.h"

#include <cstring>
#include <limits>
#include <type_traits>

#include "cores/timing/cortex_m4_timing.h"
#include "cores/timing/cortex_m7_timing.h"

namespace mcuprof {

const char* fault_name(FaultKind k) {
  switch (k) {
    case FaultKind::kUndefInstr: return "undefined instruction";
    case FaultKind::kInvState: return "invalid state (Thumb bit clear)";
    case FaultKind::kInvPc: return "invalid exception return";
    case FaultKind::kNoCp: return "coprocessor (FPU) disabled or absent";
    case FaultKind::kUnaligned: return "unaligned access";
    case FaultKind::kDivByZero: return "divide by zero";
    case FaultKind::kIBusErr: return "bus fault on instruction fetch";
    case FaultKind::kPreciseErr: return "bus fault";
    case FaultKind::kStackErr: return "bus fault while stacking for an exception";
    case FaultKind::kUnstackErr: return "bus fault while unstacking on exception return";
    case FaultKind::kIAccViol: return "instruction fetch from an execute-never region";
    case FaultKind::kBreakpoint: return "breakpoint";
  }
  return "fault";
}

namespace {

constexpr uint32_t kPageBytes = 1u << Bus::kPageBits;
constexpr uint32_t kSlotsPerPage = kPageBytes / 2;

// Semantics stored in the decode cache for encodings that did not decode: the fault is raised when (and only
// if) the instruction is executed, so an undefined halfword that is never reached costs nothing.
void exec_undefined(Core& c, const Inst&) { c.fault(FaultKind::kUndefInstr); }
void exec_unpredictable(Core& c, const Inst&) { c.fault(FaultKind::kUndefInstr, "UNPREDICTABLE encoding"); }

// B3.1 / B3.5: 0xA0000000-0xFFFFFFFF (device and system space) and the peripheral space are execute-never
// in the default memory map.
bool execute_never(uint32_t addr) { return addr >= 0xA0000000u || (addr >= 0x40000000u && addr < 0x60000000u); }

}  // namespace

Core::Core(Bus& b, SystemControl& sc, CoreModel m, uint8_t feats)
    : bus(b), scs(sc), model(m), features(feats), decoder_(feats), icache_(size_t(1) << (32 - Bus::kPageBits)) {
  bus.set_code_write_hook(&Core::invalidate_code_page, this);
}

// ---------------------------------------------------------------- decode cache

void Core::invalidate_code_page(void* self, uint32_t page) {
  // A write into a page we decoded from: drop that page and the one before it (a 32-bit instruction may
  // start in the previous page's last halfword). The pages are kept alive until the current step ends,
  // because the instruction doing the write may itself live there (self-modifying code).
  Core& c = *static_cast<Core*>(self);
  c.attention_ = true;
  c.last_page_number_ = kNoPage;
  c.last_page_ = nullptr;
  for (uint32_t p : {page, page - 1}) {
    if (p < c.icache_.size() && c.icache_[p]) c.retired_pages_.push_back(std::move(c.icache_[p]));
  }
}

Inst& Core::decode_slot(uint32_t addr) {
  std::unique_ptr<Inst[]>& page = icache_[addr >> Bus::kPageBits];
  if (!page) page = std::make_unique<Inst[]>(kSlotsPerPage);
  last_page_number_ = addr >> Bus::kPageBits;
  last_page_ = page.get();
  return page[(addr & (kPageBytes - 1)) >> 1];
}

const Inst& Core::fetch(uint32_t addr) {
  Inst& slot = decode_slot(addr);
  if (slot.exec) return slot;
  if (execute_never(addr)) fault(FaultKind::kIAccViol);
  uint32_t hw1 = 0, hw2 = 0;
  if (!bus.read(addr, 2, hw1)) fault(FaultKind::kIBusErr);
  if (is_t32_prefix(uint16_t(hw1)) && !bus.read(addr + 2, 2, hw2)) fault(FaultKind::kIBusErr);
  const DecodeResult r = decoder_.decode(uint16_t(hw1), uint16_t(hw2), slot);
  if (r == DecodeResult::kUndefined) slot.exec = exec_undefined;
  if (r == DecodeResult::kUnpredictable) slot.exec = exec_unpredictable;
  bus.mark_code_page(addr);
  bus.mark_code_page(addr + slot.len - 1);
  return slot;
}

// ---------------------------------------------------------------- execution

bool Core::condition_passed(unsigned cond) const {
  bool result;
  switch (cond >> 1) {  // A7.3.1
    case 0: result = s.z; break;
    case 1: result = s.c; break;
    case 2: result = s.n; break;
    case 3: result = s.v; break;
    case 4: result = s.c && !s.z; break;
    case 5: result = s.n == s.v; break;
    case 6: result = s.n == s.v && !s.z; break;
    default: return true;  // 1110 AL, and kCondAlways (1111) for instructions that ignore IT conditions
  }
  return (cond & 1) ? !result : result;
}

void Core::it_advance() {  // A7.3.3 ITAdvance
  if ((s.itstate & 7) == 0) s.itstate = 0;
  else s.itstate = (s.itstate & 0xE0) | ((s.itstate << 1) & 0x1F);
}

void Core::bx_write_pc(uint32_t addr) {
  if (s.ipsr != 0 && (addr >> 28) == 0xF) {  // B1.5.8: EXC_RETURN, acted on when the instruction completes
    exc_return_pending_ = true;
    exc_return_value_ = addr;
    return;
  }
  s.tbit = addr & 1;  // a clear T bit faults (INVSTATE) on the next instruction
  if (!s.tbit) attention_ = true;
  next_pc_ = addr & ~1u;
}

// The step loop, compiled once per combination of timing model class (see complete) and "records go to the
// observer" so that the functional-only hot path carries none of the recording work. Always inlined into run_as: the loop
// around one instruction is the hot path, a call per instruction shows in the profile.
template <class Model, bool kObserved>
[[gnu::always_inline]] inline void Core::step_as() {
  constexpr bool kTimed = !std::is_same_v<Model, NoTiming>;
  if (exception_check_) take_pending_exception();
  const uint32_t pc = s.r[15];
  cur_pc_ = pc;
  try {
    if (!s.tbit) fault(FaultKind::kInvState);
    const Inst& i = fetch_decoded(pc);
    const bool in_it = in_it_block();
    // Most instructions are unconditional outside IT blocks: the condition is looked at only when there is one.
    bool passed = true;
    if (in_it || i.cond != 14) [[unlikely]]
      passed = condition_passed((in_it && i.cond != kCondAlways) ? (s.itstate >> 4) : i.cond);
    if (in_it) itstate_written_ = false;   // only looked at inside an IT block
    execute<kTimed || kObserved>(pc, i, passed);
    if (in_it && !itstate_written_) it_advance();
    if (in_fault_handler && next_pc_ == pc && passed) [[unlikely]] return stop_in_fault_handler();
    complete<Model, kObserved>(pc, i);
  } catch (const Fault& f) {
    fault_in_step(pc, f);
  }
  if (!retired_pages_.empty()) retired_pages_.clear();
}

// Straight-line execution: step_as for the common case, outside IT blocks, exception entries and fault
// handlers, with no per-instruction look at any of them. Whatever brings one up (an IT instruction, a pending
// exception, a clear T bit, a stop request, code written) ends the run after the instruction that did it
// (attention_ or exception_check_), and run_as goes on with step_as.
//
// Functional-only, every instruction is one cycle: the loop only counts instructions and the clock (cycles,
// SysTick, DWT) catches up when it is looked at (settle_clock: device accesses, BKPT, sleep, the end of the run).
// The run stops where the clock reaches the next SysTick event, as it would have counting one by one.
template <class Model>
void Core::run_straight(uint64_t max_instructions) {
  constexpr bool kTimed = !std::is_same_v<Model, NoTiming>;
  attention_ = false;
  uint64_t limit = max_instructions;
  if constexpr (!kTimed) {
    const uint64_t now = scs.cycles(), to_event = event_at_ > now ? event_at_ - now : 0;
    if (to_event < max_instructions - instructions) limit = instructions + to_event;
    clock_deferred_ = true;
    clock_counted_to_ = instructions;
  }
  uint32_t pc = s.r[15];
  try {
    while (instructions < limit) {
      cur_pc_ = pc;
      const Inst& i = fetch_decoded(pc);
      execute<kTimed>(pc, i, i.cond == 14 || condition_passed(i.cond));
      complete<Model, false, !kTimed>(pc, i);
      if (attention_ || exception_check_) break;
      pc = s.r[15];
    }
  } catch (const Fault& f) {
    settle_clock();
    fault_in_step(pc, f);
  }
  if constexpr (!kTimed) {
    settle_clock();   // and sets exception_check_ where the run stopped at the SysTick event
    clock_deferred_ = false;
  }
  if (!retired_pages_.empty()) retired_pages_.clear();
}

// The instructions run since the clock last moved, one cycle each (functional-only straight runs).
void Core::settle_clock() {
  if (!clock_deferred_) return;
  count_issue_cycles(instructions - clock_counted_to_);
  clock_counted_to_ = instructions;
}

// Functional-only time: n instructions of one issue cycle each; sets exception_check_ when SysTick may pend.
void Core::count_issue_cycles(uint64_t n) {
  cycles.by_cause[size_t(Cause::kIssue)] += n;
  if (scs.advance(n) >= event_at_) exception_check_ = true;
}

template <bool kRecording>
[[gnu::always_inline]] inline void Core::execute(uint32_t pc, const Inst& i, bool passed) {
  if (kRecording) {
    rec.pc = pc;
    rec.inst = &i;
    rec.cond_passed = passed;
    rec.n_access = 0;
    regs_read_ = regs_written_ = 0;   // only records read them
  }
  next_pc_ = pc + i.len;
  if (passed) [[likely]] {
    s.r[15] = pc + 4;
    i.exec(*this, i);
  }
}

// After the semantics: the PC moves on, an exception return completes, the cycles are counted.
// Model: the timing model's own class when the loop is specialised for it (a final class: the calls are direct),
// TimingModel for any other model, NoTiming for functional-only runs.
template <class Model, bool kObserved, bool kClockDeferred>
[[gnu::always_inline]] inline void Core::complete(uint32_t pc, const Inst& i) {
  constexpr bool kTimed = !std::is_same_v<Model, NoTiming>;
  constexpr bool kRecording = kTimed || kObserved;
  s.r[15] = next_pc_;
  if constexpr (kClockDeferred) {
    if (!exc_return_pending_ && !pending_) [[likely]] {
      ++instructions;   // its cycle is counted by settle_clock
      return;
    }
    settle_clock();
    clock_counted_to_ = instructions + 1;   // this one is counted below
    attention_ = true;   // the clock may jump (sleep): the run's instruction limit is recomputed
  }
  ++instructions;
  if (exc_return_pending_) {
    exc_return_pending_ = false;
    exception_return(exc_return_value_);
    if constexpr (kTimed) charge(timing_as<Model>().exception_return());
  }
  if (kRecording) {
    rec.next_pc = s.r[15];
    rec.set_shape(regs_read_, regs_written_, rec.n_access, s.r[15] != pc + i.len);
  }
  if constexpr (kTimed) {
    if (!kObserved && !pending_) {
      // the timed hot path: the model adds straight into the run's cycles
      if (scs.advance(timing_as<Model>().retire(rec, cycles)) >= event_at_) exception_check_ = true;
    } else {
      timing_as<Model>().retire(rec, pending_cost_);
      advance_time();
    }
  } else if (pending_) {
    pending_cost_.add(Cause::kIssue, 1);
    advance_time();
  } else {
    // functional-only: one cycle per instruction, the hot path
    if (kObserved) rec.cost = CycleSplit{{1}};
    count_issue_cycles(1);
  }
  if (kObserved && observer) observer(rec);
}

void Core::fault_in_step(uint32_t pc, const Fault& f) {
  s.r[15] = pc;
  exc_return_pending_ = false;
  take_fault(f);
}

template <class Model, bool kObserved>
void Core::run_as(uint64_t max_instructions) {
  while (stop_reason == StopReason::kNone) {
    if (instructions >= max_instructions) {
      stop_reason = StopReason::kBudget;
      break;
    }
    const bool straight = !kObserved && !exception_check_ && !in_fault_handler && s.itstate == 0 && s.tbit;
    if (straight) run_straight<Model>(max_instructions);
    else step_as<Model, kObserved>();
  }
}

// The loop specialised for the attached timing model: the reference cores' models are final classes, so their
// retire() is a direct call; recording runs (trace, profile) take the generic path.
template <bool kObserved>
void Core::run_with_model(uint64_t max_instructions) {
  if (!timing) return run_as<NoTiming, kObserved>(max_instructions);
  if constexpr (!kObserved) {
    if (dynamic_cast<CortexM7Timing*>(timing)) return run_as<CortexM7Timing, false>(max_instructions);
    if (dynamic_cast<CortexM4Timing*>(timing)) return run_as<CortexM4Timing, false>(max_instructions);
  }
  run_as<TimingModel, kObserved>(max_instructions);
}

void Core::step() {
  if (timing) record ? step_as<TimingModel, true>() : step_as<TimingModel, false>();
  else record ? step_as<NoTiming, true>() : step_as<NoTiming, false>();
}

// The instruction's cycles (with any exception entry or sleep before it) move the clock: SysTick, DWT CYCCNT.
void Core::advance_time() {
  rec.cost = pending_cost_;
  cycles += pending_cost_;
  scs.advance(pending_cost_.total());
  pending_cost_ = CycleSplit{};
  pending_ = false;
  if (scs.cycles() >= event_at_) exception_check_ = true;
}

StopReason Core::run(uint64_t max_instructions) {
  stop_reason = StopReason::kNone;
  record ? run_with_model<true>(max_instructions) : run_with_model<false>(max_instructions);
  return stop_reason;
}

// ---------------------------------------------------------------- memory

uint32_t Core::read_slow(uint32_t addr, unsigned size) {
  settle_clock();   // a device (SysTick, DWT) may show the time
  uint32_t v = 0;
  if (!bus.read(addr, size, v)) data_fault(FaultKind::kPreciseErr, addr);
  record_access(addr, size, v, false);
  return v;
}

void Core::write_slow(uint32_t addr, unsigned size, uint32_t value) {
  settle_clock();
  const Region* r = bus.find(addr);
  if (!bus.write(addr, size, value))
    data_fault(FaultKind::kPreciseErr, addr, r && r->kind == RegionKind::kFlash ? "write to read-only flash" : "");
  if (addr >= SystemControl::kBase) exception_check_ = true;  // may pend or unmask an exception
  record_access(addr, size, value, true);
}

// A3.4.5 ExclusiveMonitorsPass: the alignment check comes first, whether or not the monitor would pass.
bool Core::exclusive_monitors_pass(uint32_t addr, unsigned size) {
  if (addr & (size - 1)) fault(FaultKind::kUnaligned);
  const bool pass = excl_valid_ && excl_addr_ == addr;
  excl_valid_ = false;
  return pass;
}

// ---------------------------------------------------------------- events

void Core::fault(FaultKind k, std::string detail) { throw Fault{k, 0, false, std::move(detail)}; }
void Core::unpredictable(const Inst& i, const char* why) {
  fault(FaultKind::kUndefInstr, std::string("UNPREDICTABLE: ") + decoder_.encoding(i.enc).name + why);
}
void Core::data_fault(FaultKind k, uint32_t addr, std::string detail) { throw Fault{k, addr, true, std::move(detail)}; }

void Core::check_fp_enabled() {
  // B3.2.20 CPACR: CP10 and CP11 must grant access (01 privileged only, 11 full); 00 and 10 deny.
  const uint32_t cp10 = (scs.cpacr() >> 20) & 3;
  if (!(features & kFeatFpSp) || cp10 == 0 || cp10 == 2 || (cp10 == 1 && !privileged())) fault(FaultKind::kNoCp);
  // ExecuteFPCheck (B1.4.8): with FPCCR.ASPEN set, the first FP instruction after an exception (CONTROL.FPCA
  // clear) creates a new FP context: FPSCR takes the default modes AHP, DN, FZ, RMode (bits 26:22, all that
  // FPDSCR holds) from FPDSCR, and CONTROL.FPCA is set.
  constexpr uint32_t kDefaultModes = 0x1Fu << 22;
  if ((scs.fpccr() & (1u << 31)) && !(s.control & 4)) {
    s.fpscr = (s.fpscr & ~kDefaultModes) | (scs.fpdscr() & kDefaultModes);
    s.control |= 4;
  }
}

void Core::supervisor_call(uint32_t) {
  scs.set_pending(kExcSvCall);
  exception_check_ = true;
}

void Core::breakpoint(uint32_t imm) {
  settle_clock();   // the handler (semihosting, a profiler's pause) may read the time
  if (on_bkpt && on_bkpt(*this, imm)) return;
  fault(FaultKind::kBreakpoint, "BKPT #" + std::to_string(imm) + " with no debugger attached");
}

void Core::wait_for_interrupt() {
  settle_clock();
  // WFI sleeps until an exception could be taken; the only time source is SysTick.
  if (scs.pending_exception() != 0) return;
  const uint64_t wait = scs.cycles_to_next_event();
  if (wait == std::numeric_limits<uint64_t>::max()) {
    request_stop(StopReason::kSleepForever, 0);
    return;
  }
  // Sleep until the event: the WFI's own cycle ends there (the clock moves when the instruction retires).
  const uint64_t slept = wait > 0 ? wait - 1 : 0;
  pending_cost_.add(Cause::kSleep, slept);
  pending_ = true;
  if (timing) timing->sleep(slept);
}

void Core::wait_for_event() {
  if (event_register_) {
    event_register_ = false;
    return;
  }
  wait_for_interrupt();
}

// ---------------------------------------------------------------- special registers

bool Core::handler_mode() const { return s.ipsr != 0; }
bool Core::process_stack_active() const { return !handler_mode() && (s.control & 2); }

uint32_t Core::sp_main() const { return process_stack_active() ? s.sp_main : s.r[13]; }
uint32_t Core::sp_process() const { return process_stack_active() ? s.r[13] : s.sp_process; }
void Core::set_sp_main(uint32_t v) { (process_stack_active() ? s.sp_main : s.r[13]) = v & ~3u; }
void Core::set_sp_process(uint32_t v) { (process_stack_active() ? s.r[13] : s.sp_process) = v & ~3u; }

// Switches which stack r13 shows after CONTROL.SPSEL or the mode changed.
void Core::select_stack(bool process) {
  if (process == process_active_) return;
  if (process) { s.sp_main = s.r[13]; s.r[13] = s.sp_process; }
  else { s.sp_process = s.r[13]; s.r[13] = s.sp_main; }
  process_active_ = process;
}
void Core::sync_stack_selection() { select_stack(process_stack_active()); }

int Core::execution_priority() const {  // B1.5.4
  int highest = 256;
  for (uint16_t e = 2; e < kMaxExceptions; ++e)
    if (scs.is_active(e) && scs.group_priority(e) < highest) highest = scs.group_priority(e);
  int boosted = 256;
  if (s.basepri != 0) boosted = basepri_group_priority();
  if (s.primask) boosted = 0;
  if (s.faultmask) boosted = -1;
  return std::min(boosted, highest);
}

// B1.5.4: BASEPRI boosts to its group priority; the subpriority bits are AIRCR.PRIGROUP + 1 low bits.
int Core::basepri_group_priority() const {
  return s.basepri & (0xFFu << (scs.prigroup() + 1)) & 0xFF;
}

uint32_t Core::read_special(unsigned sysm) const {  // B5.2.2 MRS
  uint32_t v = 0;
  switch (sysm >> 3) {
    case 0:
      if (sysm & 1) v |= s.ipsr & 0x1FF;
      if (!(sysm & 4)) v |= s.apsr() & 0xF80F0000u;  // EPSR reads as zero
      break;
    case 1:
      if (privileged()) {
        if ((sysm & 7) == 0) v = sp_main();
        if ((sysm & 7) == 1) v = sp_process();
      }
      break;
    case 2:
      switch (sysm & 7) {
        case 0: v = s.primask; break;
        case 1: case 2: v = s.basepri; break;
        case 3: v = s.faultmask; break;
        case 4: v = s.control & ((features & kFeatFpSp) ? 7u : 3u); break;
      }
      break;
  }
  return v;
}

void Core::write_special(unsigned sysm, unsigned mask, uint32_t value) {  // B5.2.3 MSR
  switch (sysm >> 3) {
    case 0:
      if (!(sysm & 4)) {
        if (mask & 1) s.ge = (value >> 16) & 0xF;
        if (mask & 2) s.set_apsr_nzcvq(value);
      }
      break;
    case 1:
      if (!privileged()) break;
      if ((sysm & 7) == 0) set_sp_main(value);
      if ((sysm & 7) == 1) set_sp_process(value);
      break;
    case 2:
      if (!privileged()) break;
      switch (sysm & 7) {
        case 0: s.primask = value & 1; break;
        case 1: s.basepri = value & 0xFF; break;
        case 2:
          if ((value & 0xFF) != 0 && ((value & 0xFF) < s.basepri || s.basepri == 0)) s.basepri = value & 0xFF;
          break;
        case 3:
          if (execution_priority() > -1) s.faultmask = value & 1;
          break;
        case 4:
          s.control = (s.control & ~1u) | (value & 1);
          if (!handler_mode()) s.control = (s.control & ~2u) | (value & 2);
          if (features & kFeatFpSp) s.control = (s.control & ~4u) | (value & 4);
          sync_stack_selection();
          break;
      }
      break;
  }
  exception_check_ = true;
}

void Core::change_processor_state(bool disable, bool affect_primask, bool affect_faultmask) {  // B5.2.1 CPS
  if (!privileged()) return;
  if (affect_primask) s.primask = disable;
  if (affect_faultmask && (!disable || execution_priority() > -1)) s.faultmask = disable;
  exception_check_ = true;
}

// ---------------------------------------------------------------- exceptions

void Core::reset(uint32_t vector_table) {  // B1.5.5 TakeReset
  s = CpuState{};
  process_active_ = false;
  uint32_t sp = 0, entry = 0;
  if (!bus.read(vector_table, 4, sp) || !bus.read(vector_table + 4, 4, entry))
    throw Fault{FaultKind::kPreciseErr, vector_table, true, "cannot read the vector table"};
  s.r[13] = sp & ~3u;
  s.r[14] = 0xFFFFFFFF;
  s.tbit = entry & 1;
  s.r[15] = entry & ~1u;
  instructions = 0;
  stop_reason = StopReason::kNone;
  exception_check_ = true;
  event_at_ = 0;
}

bool Core::stack_write(uint32_t addr, uint32_t v) {
  if (uint8_t* p = bus.write_ptr(addr, 4)) {
    store_host(p, 4, v);
    record_access(addr, 4, v, true);
    return true;
  }
  return bus.write(addr, 4, v);
}

void Core::push_stack(uint16_t exc, uint32_t return_address) {  // B1.5.6 PushStack
  const bool fp_frame = (features & kFeatFpSp) && (s.control & 4);
  const uint32_t frame_size = fp_frame ? 0x68 : 0x20;
  const bool force_align = scs.stkalign();
  const uint32_t sp = s.r[13];
  const bool realigned = force_align && (sp & 4);
  const uint32_t frame = (sp - frame_size) & ~(force_align ? 4u : 0u);
  const uint32_t xpsr = (s.xpsr() & ~(1u << 9)) | (uint32_t(realigned) << 9);
  const uint32_t words[8] = {s.r[0], s.r[1], s.r[2], s.r[3], s.r[12], s.r[14], return_address, xpsr};
  bool ok = true;
  for (unsigned k = 0; k < 8; ++k) ok = stack_write(frame + 4 * k, words[k]) && ok;
  if (fp_frame) {
    // Lazy state preservation (FPCCR.LSPEN) only changes when S0-S15 are written, not what: mcuprof stores
    // them at once, which leaves the same frame contents once the handler has used the FPU.
    for (unsigned k = 0; k < 16; ++k) ok = stack_write(frame + 0x20 + 4 * k, s.s[k]) && ok;
    ok = stack_write(frame + 0x60, s.fpscr) && ok;
  }
  if (!ok) throw Fault{FaultKind::kStackErr, frame, false, "stacking for exception " + std::to_string(exc)};
  s.r[13] = frame;
  const bool thread = !handler_mode();
  uint32_t lr = fp_frame ? 0xFFFFFFE1u : 0xFFFFFFF1u;
  if (thread) lr |= (s.control & 2) ? 0xC : 0x8;
  s.r[14] = lr;
}

void Core::exception_entry(uint16_t exc, uint32_t return_address) {
  push_stack(exc, return_address);
  uint32_t vector = 0;
  if (!bus.read(scs.vtor() + 4u * exc, 4, vector))
    throw Fault{FaultKind::kPreciseErr, scs.vtor() + 4u * exc, true, "cannot read the vector table"};
  // B1.5.6 ExceptionTaken
  s.ipsr = exc;
  s.itstate = 0;
  s.tbit = vector & 1;
  s.r[15] = vector & ~1u;
  s.control &= ~2u;
  if (features & kFeatFpSp) s.control &= ~4u;
  sync_stack_selection();
  scs.set_active(exc, true);
  scs.clear_pending(exc);
  if (timing) charge(timing->exception_entry());
  excl_valid_ = false;
  event_register_ = true;
  itstate_written_ = true;
  exception_check_ = true;
}

void Core::exception_return(uint32_t exc_return) {  // B1.5.8 ExceptionReturn
  const uint16_t returning = s.ipsr;
  const uint32_t mode = exc_return & 0xF;
  if ((exc_return & 0x0FFFFFE0u) != 0x0FFFFFE0u || (mode != 0x1 && mode != 0x9 && mode != 0xD) ||
      !scs.is_active(returning) || (!(exc_return & 0x10) && !(features & kFeatFpSp)))
    throw Fault{FaultKind::kInvPc, 0, false, "bad EXC_RETURN value"};
  scs.set_active(returning, false);
  if (returning != kExcNmi) s.faultmask = false;
  if (returning >= kExcHardFault && returning <= kExcUsageFault) in_fault_handler = false;
  const bool to_thread = mode != 0x1;
  s.ipsr = 0;  // provisional, for the stack selection below; restored from the frame
  s.control = (s.control & ~2u) | ((mode == 0xD) ? 2u : 0u);
  if (!to_thread) s.ipsr = 1;  // any non-zero value selects Handler mode until the frame's IPSR is read
  sync_stack_selection();
  const uint32_t frame = s.r[13];
  const bool fp_frame = !(exc_return & 0x10);
  uint32_t w[8];
  for (unsigned k = 0; k < 8; ++k)
    if (!bus.read(frame + 4 * k, 4, w[k])) throw Fault{FaultKind::kUnstackErr, frame + 4 * k, true, {}};
  if (fp_frame) {
    for (unsigned k = 0; k < 16; ++k)
      if (!bus.read(frame + 0x20 + 4 * k, 4, s.s[k])) throw Fault{FaultKind::kUnstackErr, frame, true, {}};
    if (!bus.read(frame + 0x60, 4, s.fpscr)) throw Fault{FaultKind::kUnstackErr, frame, true, {}};
  }
  const uint32_t psr = w[7];
  s.r[0] = w[0]; s.r[1] = w[1]; s.r[2] = w[2]; s.r[3] = w[3]; s.r[12] = w[4]; s.r[14] = w[5];
  s.r[15] = w[6] & ~1u;
  const uint32_t frame_size = fp_frame ? 0x68 : 0x20;
  s.r[13] = frame + frame_size + (((psr >> 9) & 1) && scs.stkalign() ? 4 : 0);
  if (features & kFeatFpSp) s.control = (s.control & ~4u) | (fp_frame ? 4u : 0u);
  s.set_apsr_nzcvq(psr);
  s.ge = (psr >> 16) & 0xF;
  s.ipsr = psr & 0x1FF;
  s.tbit = (psr >> 24) & 1;
  s.itstate = uint8_t(((psr >> 25) & 3) | (((psr >> 10) & 0x3F) << 2));
  itstate_written_ = true;
  exception_check_ = true;
  if (to_thread != (s.ipsr == 0)) throw Fault{FaultKind::kInvPc, 0, false, "EXC_RETURN mode does not match the stacked IPSR"};
}

void Core::take_pending_exception() {
  exception_check_ = false;
  const uint64_t wait = scs.cycles_to_next_event();
  event_at_ = wait == std::numeric_limits<uint64_t>::max() ? wait : scs.cycles() + wait;
  const uint16_t exc = scs.pending_exception();
  if (exc == 0) return;
  if (scs.group_priority(exc) >= execution_priority()) {
    // B1.5.4: an SVC that cannot be taken at once escalates to HardFault.
    if (exc == kExcSvCall) {
      scs.clear_pending(kExcSvCall);
      take_fault(Fault{FaultKind::kUndefInstr, 0, false, "SVC at insufficient priority"}, kExcHardFault);
    }
    return;
  }
  try {
    exception_entry(exc, s.r[15]);
  } catch (const Fault& f) {
    stop(StopReason::kLockup, f);
  }
}

void Core::stop(StopReason why, const Fault& f) {
  stop_reason = why;
  last_fault = f;
  fault_pc = cur_pc_;
}

// A fault handler that branches to itself will never return: the run ends with the fault it was called for.
void Core::stop_in_fault_handler() {
  stop_reason = StopReason::kFault;
  last_fault = handled_fault;
  fault_pc = handled_fault_pc;
}

void Core::take_fault(const Fault& f, uint16_t forced) {
  if (!deliver_faults) return stop(StopReason::kFault, f);
  scs.record_fault(f);
  uint16_t exc = forced ? forced : scs.fault_exception(f.kind);
  const int current = execution_priority();
  // B1.5.8 escalation: a configurable fault that is disabled, or whose priority cannot preempt, becomes a
  // HardFault with HFSR.FORCED (a debug event escalates too, but reports HFSR.DEBUGEVT instead).
  const bool disabled = exc == kExcHardFault && f.kind != FaultKind::kBreakpoint;
  if (disabled || (exc != kExcHardFault && scs.group_priority(exc) >= current)) {
    exc = kExcHardFault;
    scs.escalate_to_hardfault();
  }
  if (current <= -1) return stop(StopReason::kLockup, f);  // B1.5.15: a fault in HardFault or NMI
  in_fault_handler = true;
  handled_fault = f;
  handled_fault_pc = cur_pc_;
  try {
    exception_entry(exc, s.r[15]);
  } catch (const Fault& nested) {
    stop(StopReason::kLockup, nested);
  }
}

}  // namespace mcuprof
