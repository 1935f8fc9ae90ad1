// Unicorn 2 as a functional oracle for lock-step differential tests: a Cortex-M4 or -M7 model (toolchain.md:
// open in plain Thumb mode, then select the CPU model before mapping anything), host-backed memory, and the
// architectural state exchanged as mcuprof's CpuState.
#pragma once
#include <unicorn/unicorn.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "cores/cpu_state.h"
#include "cores/system_control.h"

namespace mcuprof::diff {

class UnicornCpu {
 public:
  explicit UnicornCpu(CoreModel model);
  ~UnicornCpu();
  UnicornCpu(const UnicornCpu&) = delete;
  UnicornCpu& operator=(const UnicornCpu&) = delete;

  // Maps host memory (kept by the caller, 4 KB multiples) at base; Unicorn reads and writes it in place.
  void map(uint32_t base, uint32_t size, uint8_t* host);
  // Code bytes under [addr, addr+n) changed: drop Unicorn's translations of them.
  void code_changed(uint32_t addr, uint32_t n);

  // r0-r14, APSR (NZCVQ and GE), and with fp the S registers and FPSCR. The PC is where run() starts.
  void set_state(const CpuState& s, bool fp);
  // r0-r14, APSR, and with fp the S registers and FPSCR; r15 = pc (Unicorn's own PC register is exact only
  // between runs).
  void get_state(CpuState& s, bool fp, uint32_t pc) const;
  void set_reg(unsigned n, uint32_t v);

  struct RunResult {
    uc_err err = UC_ERR_OK;
    int interrupt = -1;         // exception number Unicorn raised (UC_HOOK_INTR), -1 when none
  };
  // Executes from pc, calling at(addr) at the start of each instruction (UC_HOOK_CODE); at returns false to stop
  // before the instruction at addr. Count-limited runs cannot step: they execute a whole IT block at once.
  // Unicorn 2.0.1 quirks the caller must know: an instruction an IT block skips (condition failed) gets no
  // call, and inside a translation block Unicorn's PC register is stale (addr is the architectural PC).
  RunResult run(uint32_t pc, const std::function<bool(uint32_t addr)>& at);

  // Runs from pc with no per-instruction hooks until the PC reaches stop_at or an exception (BKPT, fault)
  // is raised, or max_instructions ran (0: no limit).
  RunResult run_free(uint32_t pc, uint32_t stop_at, uint64_t max_instructions = 0);

  // Data writes Unicorn performed since clear_writes() (address, size), recorded once record_writes() was called.
  struct Write {
    uint32_t addr;
    uint32_t size;
  };
  void record_writes();
  const std::vector<Write>& writes() const { return writes_; }
  void clear_writes() { writes_.clear(); }

  uc_engine* engine() const { return uc_; }

 private:
  static void on_code(uc_engine* uc, uint64_t addr, uint32_t size, void* self);
  static void on_intr(uc_engine* uc, uint32_t intno, void* self);
  static void on_write(uc_engine* uc, uc_mem_type type, uint64_t addr, int size, int64_t value, void* self);

  uc_engine* uc_ = nullptr;
  uc_hook code_hook_ = 0, intr_hook_ = 0, write_hook_ = 0;
  std::vector<Write> writes_;
  // State of the current run()
  bool stepping_ = false;
  int interrupt_ = -1;
  const std::function<bool(uint32_t)>* at_ = nullptr;
};

// Throws std::runtime_error naming what failed when err is not UC_ERR_OK.
void uc_check(uc_err err, const std::string& what);

}  // namespace mcuprof::diff
