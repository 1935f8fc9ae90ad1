// What kind of work an instruction is, for timing models: one class per encoding of the decoder's table,
// derived from the encoding's name (data: a table from mnemonic to class in instruction_class.cpp).
#pragma once
#include <cstdint>
#include <vector>

namespace mcuprof {

class Decoder;

enum class InstClass : uint8_t {
  kAlu,           // data processing: MOV, ADD, logic, compare, shifts, ADR, MOVW/MOVT
  kBitfield,      // extend, bitfield, reverse, CLZ, PKH, SXTA/UXTA: single cycle, operands needed in EX1 on the M7
  kSimd,          // parallel add/sub, saturating, SEL, USAD8, SSAT/USAT
  kMul,           // MUL, SMULxy, SMULWx, SMUAD, SMMUL...: 32-bit result
  kMac,           // MLA, MLS, SMLAxy, SMLAWx, SMLAD, SMMLA...: accumulate into a 32-bit register
  kMulLong,       // SMULL, UMULL, SMLAL, UMLAL, UMAAL, SMLALxy, SMLALD, SMLSLD
  kDiv,           // SDIV, UDIV
  kLoad,          // LDR, LDRB, LDRH, LDRSB, LDRSH (all addressing forms), LDREX*
  kStore,         // STR, STRB, STRH, STREX*
  kLoadDual,      // LDRD
  kStoreDual,     // STRD
  kLoadMultiple,  // LDM, POP
  kStoreMultiple, // STM, PUSH
  kBranch,        // B, BL, CBZ/CBNZ
  kBranchReg,     // BX, BLX
  kTableBranch,   // TBB, TBH
  kIt,            // IT
  kHint,          // NOP, YIELD, SEV, PLD, PLI, DBG
  kSleep,         // WFI, WFE
  kBarrier,       // DSB, DMB, ISB
  kSystem,        // MRS, MSR, CPS, SVC, BKPT, UDF, CLREX
  kFpAlu,         // VADD, VSUB, VMUL, VNMUL, VABS, VNEG, VCMP, VCVT, VMOV (imm/reg), VSEL, VMAXNM, VRINT...
  kFpMac,         // VMLA, VMLS, VNMLA, VNMLS, VFMA, VFMS, VFNMA, VFNMS
  kFpDiv,         // VDIV
  kFpSqrt,        // VSQRT
  kFpLoad,        // VLDR
  kFpStore,       // VSTR
  kFpLoadMultiple,   // VLDM, VPOP
  kFpStoreMultiple,  // VSTM, VPUSH
  kFpTransfer,    // VMOV between core and FP registers, VMRS, VMSR
  kUndefined,     // not a decodable instruction
};

// Class of every encoding of the decoder, indexed like Decoder::encoding(). Throws std::logic_error naming an
// encoding whose mnemonic the table does not know (a test pins that every encoding has a class).
std::vector<InstClass> classify_encodings(const Decoder& decoder);

}  // namespace mcuprof
