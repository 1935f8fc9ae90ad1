#include "sim/disassembler.h"

#include <capstone/capstone.h>

#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "cores/decoder/decoder.h"

namespace mcuprof {

Disassembler::Disassembler() { open(); }
Disassembler::~Disassembler() { close(); }

void Disassembler::open() {
  csh h = 0;
  if (cs_open(CS_ARCH_ARM, cs_mode(CS_MODE_THUMB | CS_MODE_MCLASS), &h) != CS_ERR_OK)
    throw std::runtime_error("capstone: cannot open an ARM Thumb M-class handle");
  handle_ = h;
  insn_ = cs_malloc(h);
  it_state_dirty_ = false;
}

void Disassembler::close() {
  cs_free(insn_, 1);
  csh h = handle_;
  cs_close(&h);
}

bool Disassembler::decode(uint32_t addr, const uint8_t* bytes, size_t n, Text& out, int it_cond) {
  // Inside an IT block: decode a one-slot "IT <cond>" (A7.7.38, mask 0b1000) and the instruction in one sweep,
  // so that capstone applies the block's condition to it.
  uint8_t buf[6];
  const size_t len = n < 4 ? n : 4;
  size_t pos = 0;
  if (it_cond >= 0) {
    const uint16_t it = uint16_t(0xBF08 | (it_cond & 0xF) << 4);
    buf[pos++] = uint8_t(it);
    buf[pos++] = uint8_t(it >> 8);
  }
  std::memcpy(buf + pos, bytes, len);
  const uint8_t* code = buf;
  size_t size = pos + len;
  uint64_t address = addr - pos;
  if (it_state_dirty_) {
    close();
    open();
  }
  const csh h = handle_;
  it_state_dirty_ = it_cond >= 0;
  if (it_cond >= 0 && !cs_disasm_iter(h, &code, &size, &address, insn_)) return false;
  if (!cs_disasm_iter(h, &code, &size, &address, insn_)) return false;
  // The one-slot IT was used up by this instruction; a decoded IT opens a block of its own.
  it_state_dirty_ = std::strncmp(insn_->mnemonic, "it", 2) == 0;
  out.mnemonic = insn_->mnemonic;
  out.operands = insn_->op_str;
  out.size = insn_->size;
  return true;
}

std::string Disassembler::text(uint32_t addr, const uint8_t* bytes, size_t n, unsigned* len, int it_cond) {
  const uint16_t hw1 = n >= 2 ? uint16_t(bytes[0] | bytes[1] << 8) : 0;
  const bool wide = n >= 2 && is_t32_prefix(hw1);
  if (len) *len = wide ? 4 : 2;
  Text t;
  if (n >= (wide ? 4u : 2u) && decode(addr, bytes, n, t, it_cond))
    return t.operands.empty() ? t.mnemonic : t.mnemonic + " " + t.operands;
  char s[32];
  if (wide)
    std::snprintf(s, sizeof s, ".inst.w 0x%04x%04x", hw1, n >= 4 ? unsigned(bytes[2] | bytes[3] << 8) : 0u);
  else
    std::snprintf(s, sizeof s, ".short 0x%04x", hw1);
  return s;
}

std::string disassemble(uint32_t addr, const uint8_t* bytes, size_t n, unsigned* len, int it_cond) {
  thread_local Disassembler d;
  return d.text(addr, bytes, n, len, it_cond);
}

}  // namespace mcuprof
