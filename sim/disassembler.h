// Thumb disassembly text for error messages and traces (capstone 4.0.2, ARMv7E-M: CS_MODE_THUMB | CS_MODE_MCLASS).
// Capstone tracks IT state only within one sweep, so an instruction inside an IT block decoded on its own would
// print in its unconditional (flag-setting) form: pass the block's current condition as it_cond to get the text
// the instruction has inside the block ("addne r0, r1, r2" rather than "adds r0, r1, r2").
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

struct cs_insn;

namespace mcuprof {

// The instruction at addr as capstone prints it, e.g. "adds r0, r1, r2"; bytes holds n >= 2 bytes of code
// (4 for a 32-bit instruction). len receives the instruction's size (2 or 4, as the prefix bits say even when
// capstone cannot decode it). Text for what capstone rejects: ".short 0x1234" / ".inst.w 0xf1234567".
// it_cond: -1 outside IT blocks, else the condition (0-14) of the IT block slot the instruction is in.
// One capstone handle per thread.
std::string disassemble(uint32_t addr, const uint8_t* bytes, size_t n, unsigned* len = nullptr, int it_cond = -1);

// Owns one capstone handle (not thread-safe: one object per thread). For callers that need the mnemonic and
// operands apart (the decoder cross-check) or decode many instructions.
class Disassembler {
 public:
  Disassembler();
  ~Disassembler();
  Disassembler(const Disassembler&) = delete;
  Disassembler& operator=(const Disassembler&) = delete;

  struct Text {
    std::string mnemonic;  // e.g. "adds", "vadd.f32", "ldr.w"
    std::string operands;  // e.g. "r0, r1, r2"
    unsigned size = 0;     // bytes capstone consumed
  };
  // False when capstone does not decode the instruction.
  bool decode(uint32_t addr, const uint8_t* bytes, size_t n, Text& out, int it_cond = -1);
  std::string text(uint32_t addr, const uint8_t* bytes, size_t n, unsigned* len = nullptr, int it_cond = -1);

 private:
  void open();
  void close();

  size_t handle_ = 0;   // csh
  cs_insn* insn_ = nullptr;
  // Capstone keeps IT state in the handle across calls: after an IT instruction (or an unused IT slot) the
  // next call would print a condition the next, unrelated instruction does not have. Reopen first.
  bool it_state_dirty_ = false;
};

}  // namespace mcuprof
