// Faults and other events that end an instruction early. They travel as C++ exceptions from the point of
// detection (decode, memory, semantics) to Core::step, which either takes the architectural exception
// (B1.5) or stops the run, depending on Core::deliver_faults.
#pragma once
#include <cstdint>
#include <string>

namespace mcuprof {

// The fault status bits of B3.2.15 (CFSR) and B3.2.16 (HFSR), one value per cause.
enum class FaultKind : uint8_t {
  kUndefInstr,    // UsageFault UNDEFINSTR (also UNPREDICTABLE encodings, see DecodeResult)
  kInvState,      // UsageFault INVSTATE (T bit clear)
  kInvPc,         // UsageFault INVPC (bad EXC_RETURN)
  kNoCp,          // UsageFault NOCP (FPU disabled by CPACR, or no FPU)
  kUnaligned,     // UsageFault UNALIGNED
  kDivByZero,     // UsageFault DIVBYZERO (CCR.DIV_0_TRP)
  kIBusErr,       // BusFault IBUSERR: instruction fetch from nowhere
  kPreciseErr,    // BusFault PRECISERR: data access to nowhere or to read-only flash (address in BFAR)
  kStackErr,      // BusFault STKERR: exception entry stacking failed
  kUnstackErr,    // BusFault UNSTKERR
  kIAccViol,      // MemManage IACCVIOL: execute from an execute-never region (0xE0000000 and up)
  kBreakpoint,    // BKPT other than semihosting: with no debugger attached this escalates to HardFault
};

const char* fault_name(FaultKind k);

struct Fault {
  FaultKind kind;
  uint32_t address = 0;    // faulting data address where there is one
  bool address_valid = false;
  std::string detail;      // extra words for the user ("write to read-only flash", "UNPREDICTABLE")
};

}  // namespace mcuprof
