// The decoded, compact form of one Thumb instruction and the encoding table entry that produces it.
// Decode once (cores/decoder), execute many times from the decode cache (cores/core.cpp).
#pragma once
#include <cstdint>

namespace mcuprof {

class Core;
struct Inst;

// Semantics of one instruction: a few lines over Core (Spike's shape). The condition has already passed.
using ExecFn = void (*)(Core&, const Inst&);

// Architecture features an encoding needs; a core lacking one treats the encoding as UNDEFINED.
enum Feature : uint8_t {
  kFeatNone = 0,
  kFeatFpSp = 1,  // FPv4-SP / FPv5 single precision
  kFeatFpDp = 2,  // FPv5 double precision (STM32F767)
  kFeatFpV5 = 4,  // instructions new in FPv5 (VSEL, VMAXNM, VRINT*, VCVTA..., VCVT between F16 and F64)
};

// Inst::flags bits. Each family documents which it uses; these are the shared ones.
enum InstFlag : uint8_t {
  kSetFlags = 1 << 0,         // S bit: update N Z C V
  kSetFlagsOutsideIt = 1 << 1,  // 16-bit encodings: setflags = !InITBlock(), resolved at run time
  kAdd = 1 << 2,              // U bit: add the offset
  kIndex = 1 << 3,            // P bit: pre-indexed
  kWback = 1 << 4,            // W bit: write the address back
  kFlagA = 1 << 5,            // family-specific meaning (documented at its use)
  kFlagB = 1 << 6,            // family-specific meaning
  kFlagC = 1 << 7,            // family-specific meaning
};

constexpr uint8_t kCondAlways = 15;

struct Inst {
  ExecFn exec = nullptr;  // nullptr: not decoded yet
  uint32_t raw = 0;       // T16: the halfword; T32: (hw1 << 16) | hw2
  uint32_t imm = 0;       // immediate, already expanded (ThumbExpandImm, sign-extended offsets...)
  uint16_t enc = 0;       // index of the encoding in the decoder's table (name, class, timing)
  uint8_t len = 0;        // 2 or 4 bytes
  uint8_t cond = 14;      // condition of B<c> T1/T3; 14 (AL) otherwise; IT blocks override it at run time,
                          // except for kCondAlways (BKPT), which executes even when its IT slot's condition fails
  uint8_t rd = 0, rn = 0, rm = 0;
  uint8_t ra = 0;         // 4th register: Ra, Rt2, RdHi, Rs (shift register) - documented per family
  uint8_t shift_type = 0; // SRType of a shifted register operand (LSL LSR ASR ROR RRX)
  uint8_t shift_n = 0;    // shift amount
  uint8_t flags = 0;      // InstFlag bits
  uint16_t list = 0;      // register list (LDM/STM/PUSH/POP) or family-specific extra field
};
static_assert(sizeof(Inst) <= 32, "Inst must stay compact: the decode cache holds one per halfword");

// What a decode function says about an encoding after its fixed bits matched.
enum class DecodeResult : uint8_t {
  kOk,
  kUndefined,      // the ARM ARM says UNDEFINED for these field values
  kUnpredictable,  // the ARM ARM says UNPREDICTABLE: mcuprof refuses to guess and reports it like UNDEFINED
  kSeeOther,       // the ARM ARM says "SEE <other instruction>": the next, less specific matching line decides
};

// The fields of an encoding, named by the letters of its pattern: Fields f; f('n') is the value of the
// bits marked 'n', concatenated from most to least significant (dynarmic's convention).
class Fields {
 public:
  uint32_t operator()(char letter) const { return v_[slot(letter)]; }
  void set(char letter, uint32_t value) { v_[slot(letter)] = value; }
  uint32_t raw = 0;

 private:
  static int slot(char c) { return (c >= 'a' && c <= 'z') ? c - 'a' : (c >= 'A' && c <= 'Z') ? 26 + c - 'A' : 52; }
  uint32_t v_[53] = {};
};

using DecodeFn = DecodeResult (*)(const Fields&, Inst&);

// One line of a decoder table: name as in the ARMv7-M ARM (DDI 0403E), section A7.7.x, and its encoding.
// pattern: 16 characters for a 16-bit encoding, 32 for a 32-bit one (first halfword first). '0' and '1' must
// match; any other character is a field bit named by that character ('x' by convention for ignored bits).
// Where two patterns match, the one with more fixed bits wins (the manual lists the specific forms, e.g.
// CMP is ADD with Rd=1111, as separate encodings).
struct Encoding {
  const char* name;
  const char* pattern;
  DecodeFn decode;
  ExecFn exec;
  uint8_t features = kFeatNone;
};

}  // namespace mcuprof
