// The class of each decoder encoding, as data: a table from mnemonic (the encoding name's first word, as in the
// ARMv7-M ARM DDI 0403E A7.7) to InstClass. A few mnemonics name instructions of different kinds under one word
// (VMOV); their entries carry the name's parenthesised form too, and the longest matching key wins.
#include "cores/timing/instruction_class.h"

#include <stdexcept>
#include <string>
#include <string_view>

#include "cores/decoder/decoder.h"

namespace mcuprof {
namespace {

using C = InstClass;

struct ClassEntry {
  std::string_view key;   // the name's first word, or its first words up to the closing parenthesis
  InstClass cls;
};

constexpr ClassEntry kClasses[] = {
    // Data processing (A5.2, A5.3.1-A5.3.3)
    {"ADC", C::kAlu}, {"ADD", C::kAlu}, {"ADR", C::kAlu}, {"AND", C::kAlu}, {"ASR", C::kAlu}, {"BIC", C::kAlu},
    {"CMN", C::kAlu}, {"CMP", C::kAlu}, {"EOR", C::kAlu}, {"LSL", C::kAlu}, {"LSR", C::kAlu}, {"MOV", C::kAlu},
    {"MOVT", C::kAlu}, {"MVN", C::kAlu}, {"ORN", C::kAlu}, {"ORR", C::kAlu}, {"ROR", C::kAlu}, {"RRX", C::kAlu},
    {"RSB", C::kAlu}, {"SBC", C::kAlu}, {"SUB", C::kAlu}, {"TEQ", C::kAlu}, {"TST", C::kAlu},
    // Extend, bitfield, reverse, CLZ, pack
    {"BFC", C::kBitfield}, {"BFI", C::kBitfield}, {"SBFX", C::kBitfield}, {"UBFX", C::kBitfield},
    {"CLZ", C::kBitfield}, {"RBIT", C::kBitfield}, {"REV", C::kBitfield}, {"REV16", C::kBitfield},
    {"REVSH", C::kBitfield}, {"PKHBT", C::kBitfield}, {"SXTB", C::kBitfield}, {"SXTH", C::kBitfield},
    {"SXTB16", C::kBitfield}, {"UXTB", C::kBitfield}, {"UXTH", C::kBitfield}, {"UXTB16", C::kBitfield},
    {"SXTAB", C::kBitfield}, {"SXTAH", C::kBitfield}, {"SXTAB16", C::kBitfield}, {"UXTAB", C::kBitfield},
    {"UXTAH", C::kBitfield}, {"UXTAB16", C::kBitfield},
    // Saturating and parallel (SIMD) arithmetic (A5.3.13-A5.3.15)
    {"SSAT", C::kSimd}, {"SSAT16", C::kSimd}, {"USAT", C::kSimd}, {"USAT16", C::kSimd}, {"QADD", C::kSimd},
    {"QSUB", C::kSimd}, {"QDADD", C::kSimd}, {"QDSUB", C::kSimd}, {"SEL", C::kSimd}, {"USAD8", C::kSimd},
    {"USADA8", C::kSimd},
    {"SADD16", C::kSimd}, {"SADD8", C::kSimd}, {"SASX", C::kSimd}, {"SSAX", C::kSimd}, {"SSUB16", C::kSimd},
    {"SSUB8", C::kSimd}, {"QADD16", C::kSimd}, {"QADD8", C::kSimd}, {"QASX", C::kSimd}, {"QSAX", C::kSimd},
    {"QSUB16", C::kSimd}, {"QSUB8", C::kSimd}, {"SHADD16", C::kSimd}, {"SHADD8", C::kSimd}, {"SHASX", C::kSimd},
    {"SHSAX", C::kSimd}, {"SHSUB16", C::kSimd}, {"SHSUB8", C::kSimd}, {"UADD16", C::kSimd}, {"UADD8", C::kSimd},
    {"UASX", C::kSimd}, {"USAX", C::kSimd}, {"USUB16", C::kSimd}, {"USUB8", C::kSimd}, {"UQADD16", C::kSimd},
    {"UQADD8", C::kSimd}, {"UQASX", C::kSimd}, {"UQSAX", C::kSimd}, {"UQSUB16", C::kSimd}, {"UQSUB8", C::kSimd},
    {"UHADD16", C::kSimd}, {"UHADD8", C::kSimd}, {"UHASX", C::kSimd}, {"UHSAX", C::kSimd}, {"UHSUB16", C::kSimd},
    {"UHSUB8", C::kSimd},
    // Multiply, multiply-accumulate, long multiply, divide (A5.3.16, A5.3.17)
    {"MUL", C::kMul}, {"SMULBB", C::kMul}, {"SMULWB", C::kMul}, {"SMUAD", C::kMul}, {"SMUSD", C::kMul},
    {"SMMUL", C::kMul},
    {"MLA", C::kMac}, {"MLS", C::kMac}, {"SMLABB", C::kMac}, {"SMLAWB", C::kMac}, {"SMLAD", C::kMac},
    {"SMLSD", C::kMac}, {"SMMLA", C::kMac}, {"SMMLS", C::kMac},
    {"SMULL", C::kMulLong}, {"UMULL", C::kMulLong}, {"SMLAL", C::kMulLong}, {"UMLAL", C::kMulLong},
    {"UMAAL", C::kMulLong}, {"SMLALBB", C::kMulLong}, {"SMLALD", C::kMulLong}, {"SMLSLD", C::kMulLong},
    {"SDIV", C::kDiv}, {"UDIV", C::kDiv},
    // Loads and stores (A5.3.7-A5.3.10, A5.2.4)
    {"LDR", C::kLoad}, {"LDRB", C::kLoad}, {"LDRH", C::kLoad}, {"LDRSB", C::kLoad}, {"LDRSH", C::kLoad},
    {"LDRT", C::kLoad}, {"LDRBT", C::kLoad}, {"LDRHT", C::kLoad}, {"LDRSBT", C::kLoad}, {"LDRSHT", C::kLoad},
    {"LDREX", C::kLoad}, {"LDREXB", C::kLoad}, {"LDREXH", C::kLoad},
    {"STR", C::kStore}, {"STRB", C::kStore}, {"STRH", C::kStore}, {"STRT", C::kStore}, {"STRBT", C::kStore},
    {"STRHT", C::kStore}, {"STREX", C::kStore}, {"STREXB", C::kStore}, {"STREXH", C::kStore},
    {"LDRD", C::kLoadDual}, {"STRD", C::kStoreDual},
    {"LDM", C::kLoadMultiple}, {"LDMDB", C::kLoadMultiple}, {"POP", C::kLoadMultiple},
    {"STM", C::kStoreMultiple}, {"STMDB", C::kStoreMultiple}, {"PUSH", C::kStoreMultiple},
    // Branches and control (A5.3.4)
    {"B", C::kBranch}, {"BL", C::kBranch}, {"CBZ", C::kBranch}, {"CBNZ", C::kBranch},
    {"BX", C::kBranchReg}, {"BLX", C::kBranchReg}, {"TBB", C::kTableBranch}, {"TBH", C::kTableBranch},
    {"IT", C::kIt},
    {"NOP", C::kHint}, {"YIELD", C::kHint}, {"SEV", C::kHint}, {"HINT", C::kHint}, {"DBG", C::kHint},
    {"PLD", C::kHint}, {"PLI", C::kHint}, {"Unallocated", C::kHint},
    {"WFI", C::kSleep}, {"WFE", C::kSleep},
    {"DSB", C::kBarrier}, {"DMB", C::kBarrier}, {"ISB", C::kBarrier},
    {"MRS", C::kSystem}, {"MSR", C::kSystem}, {"CPSID", C::kSystem}, {"CPSIE", C::kSystem}, {"SVC", C::kSystem},
    {"BKPT", C::kSystem}, {"UDF", C::kSystem}, {"CLREX", C::kSystem},
    // Generic coprocessor instructions (A5.3.18): no coprocessor but CP10/CP11 exists, so they trap (UsageFault)
    {"CDP", C::kSystem}, {"CDP2", C::kSystem}, {"MCR", C::kSystem}, {"MCR2", C::kSystem}, {"MRC", C::kSystem},
    {"MRC2", C::kSystem}, {"MCRR", C::kSystem}, {"MCRR2", C::kSystem}, {"MRRC", C::kSystem},
    {"MRRC2", C::kSystem}, {"LDC", C::kSystem}, {"LDCL", C::kSystem}, {"LDC2", C::kSystem},
    {"LDC2L", C::kSystem}, {"STC", C::kSystem}, {"STCL", C::kSystem}, {"STC2", C::kSystem},
    {"STC2L", C::kSystem},
    // Floating point (A5.3.18, A6)
    {"VADD", C::kFpAlu}, {"VSUB", C::kFpAlu}, {"VMUL", C::kFpAlu}, {"VNMUL", C::kFpAlu}, {"VABS", C::kFpAlu},
    {"VNEG", C::kFpAlu}, {"VCMP", C::kFpAlu}, {"VCMPE", C::kFpAlu}, {"VCVT", C::kFpAlu}, {"VCVTA", C::kFpAlu},
    {"VCVTB", C::kFpAlu}, {"VCVTM", C::kFpAlu}, {"VCVTN", C::kFpAlu}, {"VCVTP", C::kFpAlu}, {"VCVTR", C::kFpAlu},
    {"VCVTT", C::kFpAlu}, {"VRINTA", C::kFpAlu}, {"VRINTM", C::kFpAlu}, {"VRINTN", C::kFpAlu},
    {"VRINTP", C::kFpAlu}, {"VRINTR", C::kFpAlu}, {"VRINTX", C::kFpAlu}, {"VRINTZ", C::kFpAlu},
    {"VSEL", C::kFpAlu}, {"VMAXNM", C::kFpAlu}, {"VMINNM", C::kFpAlu},
    {"VMOV (immediate)", C::kFpAlu}, {"VMOV (register)", C::kFpAlu},
    {"VMLA", C::kFpMac}, {"VMLS", C::kFpMac}, {"VNMLA", C::kFpMac}, {"VNMLS", C::kFpMac}, {"VFMA", C::kFpMac},
    {"VFMS", C::kFpMac}, {"VFNMA", C::kFpMac}, {"VFNMS", C::kFpMac},
    {"VDIV", C::kFpDiv}, {"VSQRT", C::kFpSqrt},
    {"VLDR", C::kFpLoad}, {"VSTR", C::kFpStore},
    {"VLDM", C::kFpLoadMultiple}, {"VPOP", C::kFpLoadMultiple},
    {"VSTM", C::kFpStoreMultiple}, {"VPUSH", C::kFpStoreMultiple},
    {"VMOV", C::kFpTransfer}, {"VMRS", C::kFpTransfer}, {"VMSR", C::kFpTransfer},
};

// True when key is name's first word, or its first words ending where a word ends.
bool key_matches(std::string_view name, std::string_view key) {
  return name.substr(0, key.size()) == key && (name.size() == key.size() || name[key.size()] == ' ');
}

InstClass class_of(std::string_view name) {
  const ClassEntry* best = nullptr;
  for (const ClassEntry& e : kClasses)
    if (key_matches(name, e.key) && (!best || e.key.size() > best->key.size())) best = &e;
  if (!best)
    throw std::logic_error("classify_encodings: no instruction class for encoding '" + std::string(name) + "'");
  return best->cls;
}

}  // namespace

std::vector<InstClass> classify_encodings(const Decoder& decoder) {
  std::vector<InstClass> classes(decoder.size());
  for (size_t i = 0; i < decoder.size(); ++i) classes[i] = class_of(decoder.encoding(uint16_t(i)).name);
  return classes;
}

}  // namespace mcuprof
