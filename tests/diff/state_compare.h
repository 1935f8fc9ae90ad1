// Comparing and printing the architectural state two emulators computed (lock-step tests).
#pragma once
#include <cstdint>
#include <string>

#include "cores/cpu_state.h"

namespace mcuprof::diff {

// Which parts of CpuState the lock-step tests compare: r0-r15, APSR.NZCVQ and GE, and with fp S0-S31 and FPSCR.
// Empty when equal; otherwise one line per differing item, "r3: mcuprof 0x00000001 unicorn 0x00000002".
std::string state_differences(const CpuState& ours, const CpuState& theirs, bool fp);

// r0-r15, flags (and S0-S31, FPSCR with fp) on a few lines.
std::string format_state(const CpuState& s, bool fp);

// "IT block slot" conditions: for an IT instruction's firstcond:mask byte, the condition of each of its
// 1-4 instructions (A7.3.3 ITAdvance); returns the number of slots.
unsigned it_slot_conditions(uint8_t firstcond_mask, int cond[4]);

}  // namespace mcuprof::diff
