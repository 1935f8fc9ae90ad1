#include "tests/diff/unicorn_cpu.h"

#include <stdexcept>

namespace mcuprof::diff {

void uc_check(uc_err err, const std::string& what) {
  if (err != UC_ERR_OK) throw std::runtime_error("unicorn: " + what + ": " + uc_strerror(err));
}

UnicornCpu::UnicornCpu(CoreModel model) {
  uc_check(uc_open(UC_ARCH_ARM, UC_MODE_THUMB, &uc_), "uc_open");
  uc_check(uc_ctl_set_cpu_model(uc_, model == CoreModel::kCortexM4 ? UC_CPU_ARM_CORTEX_M4 : UC_CPU_ARM_CORTEX_M7),
           "uc_ctl_set_cpu_model");
  uc_check(uc_hook_add(uc_, &intr_hook_, UC_HOOK_INTR, reinterpret_cast<void*>(&UnicornCpu::on_intr), this, 1, 0),
           "UC_HOOK_INTR");
}

UnicornCpu::~UnicornCpu() { uc_close(uc_); }

void UnicornCpu::map(uint32_t base, uint32_t size, uint8_t* host) {
  uc_check(uc_mem_map_ptr(uc_, base, size, UC_PROT_ALL, host), "uc_mem_map_ptr");
}

void UnicornCpu::code_changed(uint32_t addr, uint32_t n) {
  uc_check(uc_ctl_remove_cache(uc_, addr & ~1u, addr + n), "uc_ctl_remove_cache");
}

namespace {

constexpr int kGprs = 15;  // r0-r14; the PC is the run's start
constexpr int kFpRegs = 16;  // D0-D15 = S0-S31

void set_regs(uc_engine* uc, const int* ids, void* const* vals, int n) {
  uc_check(uc_reg_write_batch(uc, const_cast<int*>(ids), const_cast<void* const*>(vals), n), "uc_reg_write_batch");
}
void get_regs(uc_engine* uc, const int* ids, void** vals, int n) {
  uc_check(uc_reg_read_batch(uc, const_cast<int*>(ids), vals, n), "uc_reg_read_batch");
}

int gpr_id(int n) {
  return n == 13 ? UC_ARM_REG_SP : n == 14 ? UC_ARM_REG_LR : n == 15 ? UC_ARM_REG_PC : UC_ARM_REG_R0 + n;
}

}  // namespace

void UnicornCpu::set_reg(unsigned n, uint32_t v) { uc_check(uc_reg_write(uc_, gpr_id(int(n)), &v), "uc_reg_write"); }

void UnicornCpu::set_state(const CpuState& s, bool fp) {
  int ids[kGprs + 1 + kFpRegs + 1];
  void* vals[kGprs + 1 + kFpRegs + 1];
  uint32_t r[kGprs];
  int n = 0;
  for (int k = 0; k < kGprs; ++k) {
    r[k] = s.r[k];
    ids[n] = gpr_id(k);
    vals[n++] = &r[k];
  }
  // The CPSR view writes all of APSR in Unicorn's M-profile model (the XPSR and APSR views drop GE[3:0]).
  uint32_t apsr = s.apsr();
  ids[n] = UC_ARM_REG_CPSR;
  vals[n++] = &apsr;
  uint64_t d[kFpRegs];
  uint32_t fpscr = s.fpscr;
  if (fp) {
    for (int k = 0; k < kFpRegs; ++k) {
      d[k] = s.d(k);
      ids[n] = UC_ARM_REG_D0 + k;
      vals[n++] = &d[k];
    }
    ids[n] = UC_ARM_REG_FPSCR;
    vals[n++] = &fpscr;
  }
  set_regs(uc_, ids, vals, n);
}

void UnicornCpu::get_state(CpuState& s, bool fp, uint32_t pc) const {
  int ids[kGprs + 1 + kFpRegs + 1];
  void* vals[kGprs + 1 + kFpRegs + 1];
  uint32_t r[kGprs];
  int n = 0;
  for (int k = 0; k < kGprs; ++k) {
    ids[n] = gpr_id(k);
    vals[n++] = &r[k];
  }
  uint32_t xpsr = 0;
  ids[n] = UC_ARM_REG_XPSR;
  vals[n++] = &xpsr;
  uint64_t d[kFpRegs];
  uint32_t fpscr = 0;
  if (fp) {
    for (int k = 0; k < kFpRegs; ++k) {
      ids[n] = UC_ARM_REG_D0 + k;
      vals[n++] = &d[k];
    }
    ids[n] = UC_ARM_REG_FPSCR;
    vals[n++] = &fpscr;
  }
  get_regs(uc_, ids, vals, n);
  for (int k = 0; k < 15; ++k) s.r[k] = r[k];
  s.r[15] = pc;
  s.set_apsr_nzcvq(xpsr);
  s.ge = (xpsr >> 16) & 0xF;
  if (fp) {
    for (int k = 0; k < kFpRegs; ++k) s.set_d(k, d[k]);
    s.fpscr = fpscr;
  }
}

void UnicornCpu::on_code(uc_engine* uc, uint64_t addr, uint32_t, void* self) {
  auto& me = *static_cast<UnicornCpu*>(self);
  if (!me.stepping_ || (*me.at_)(uint32_t(addr))) return;
  me.stepping_ = false;
  uc_emu_stop(uc);
}

void UnicornCpu::on_intr(uc_engine* uc, uint32_t intno, void* self) {
  auto& me = *static_cast<UnicornCpu*>(self);
  me.interrupt_ = int(intno);
  me.stepping_ = false;
  uc_emu_stop(uc);
}

void UnicornCpu::on_write(uc_engine*, uc_mem_type, uint64_t addr, int size, int64_t, void* self) {
  static_cast<UnicornCpu*>(self)->writes_.push_back({uint32_t(addr), uint32_t(size)});
}

void UnicornCpu::record_writes() {
  if (!write_hook_)
    uc_check(uc_hook_add(uc_, &write_hook_, UC_HOOK_MEM_WRITE, reinterpret_cast<void*>(&UnicornCpu::on_write), this,
                         1, 0),
             "UC_HOOK_MEM_WRITE");
}

UnicornCpu::RunResult UnicornCpu::run(uint32_t pc, const std::function<bool(uint32_t)>& at) {
  if (!code_hook_)
    uc_check(uc_hook_add(uc_, &code_hook_, UC_HOOK_CODE, reinterpret_cast<void*>(&UnicornCpu::on_code), this, 1, 0),
             "UC_HOOK_CODE");
  interrupt_ = -1;
  stepping_ = true;
  at_ = &at;
  RunResult res;
  res.err = uc_emu_start(uc_, pc | 1, 0xFFFFFFFE, 0, 0);
  stepping_ = false;
  res.interrupt = interrupt_;
  return res;
}

UnicornCpu::RunResult UnicornCpu::run_free(uint32_t pc, uint32_t stop_at, uint64_t max_instructions) {
  if (code_hook_) throw std::logic_error("run_free needs a UnicornCpu that never stepped (no code hook)");
  interrupt_ = -1;
  RunResult res;
  res.err = uc_emu_start(uc_, pc | 1, stop_at & ~1u, 0, max_instructions);
  res.interrupt = interrupt_;
  return res;
}

}  // namespace mcuprof::diff
