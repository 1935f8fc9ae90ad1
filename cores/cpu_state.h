// Architectural state of an ARMv7E-M processor (ARMv7-M ARM B1.4): what the executor computes and the
// differential tests compare. No timing lives here.
#pragma once
#include <cstdint>

namespace mcuprof {

struct CpuState {
  uint32_t r[16] = {};  // r[13] is the active stack pointer; during execution r[15] = this instruction + 4
  bool n = false, z = false, c = false, v = false, q = false;
  uint8_t ge = 0;       // APSR.GE[3:0]
  uint8_t itstate = 0;  // EPSR.IT[7:0] (A7.3: cond in [7:4], mask in [3:0])
  bool tbit = true;     // EPSR.T: executing with T=0 is an INVSTATE UsageFault
  uint16_t ipsr = 0;    // exception number being handled, 0 in Thread mode
  uint32_t sp_main = 0, sp_process = 0;  // banked copies; the active one is mirrored in r[13]
  bool primask = false, faultmask = false;
  uint8_t basepri = 0;
  uint32_t control = 0;  // bit0 nPRIV, bit1 SPSEL, bit2 FPCA
  uint32_t s[32] = {};   // FP registers S0-S31; D<n> is S<2n+1>:S<2n>
  uint32_t fpscr = 0;

  uint32_t apsr() const {
    return (uint32_t(n) << 31) | (uint32_t(z) << 30) | (uint32_t(c) << 29) | (uint32_t(v) << 28) |
           (uint32_t(q) << 27) | (uint32_t(ge) << 16);
  }
  void set_apsr_nzcvq(uint32_t x) {
    n = x >> 31 & 1; z = x >> 30 & 1; c = x >> 29 & 1; v = x >> 28 & 1; q = x >> 27 & 1;
  }
  // xPSR as stacked on exception entry (B1.5.6): APSR | IT/ICI | T | exception number
  uint32_t xpsr() const {
    return apsr() | (uint32_t(itstate & 3) << 25) | (uint32_t(itstate >> 2) << 10) | (uint32_t(tbit) << 24) | ipsr;
  }
  uint64_t d(unsigned i) const { return uint64_t(s[2 * i]) | (uint64_t(s[2 * i + 1]) << 32); }
  void set_d(unsigned i, uint64_t x) { s[2 * i] = uint32_t(x); s[2 * i + 1] = uint32_t(x >> 32); }
};

}  // namespace mcuprof
