// Decoding of the multiply_dsp family: every encoding as GNU as emits it lands on its table line, and the
// manual's UNPREDICTABLE / UNDEFINED constraints are refused (ARMv7-M ARM DDI 0403E, A5.3.16/A5.3.17 etc.).
#include <cctype>
#include <string>
#include <utility>
#include <vector>

#include "tests/unit/core_fixture.h"

namespace mcuprof::test {
namespace {

// Decodes the instruction that starts at halfword k of hws.
std::pair<DecodeResult, std::string> decode_at(const Decoder& d, const std::vector<uint16_t>& hws, size_t k) {
  Inst i;
  const DecodeResult r = d.decode(hws[k], k + 1 < hws.size() ? hws[k + 1] : 0, i);
  return {r, i.enc == Decoder::kNoEncoding ? "" : d.encoding(i.enc).name};
}

std::pair<DecodeResult, std::string> decode(uint16_t hw1, uint16_t hw2 = 0) {
  static const Decoder d(kFeatFpSp);
  return decode_at(d, {hw1, hw2}, 0);
}

// Each source line assembled by GNU as (cortex-m4) and the table line it must decode to.
const std::vector<std::pair<std::string, std::string>> kForms = {
    {"muls r0, r1, r0", "MUL T1"}, {"mul r0, r1, r2", "MUL T2"}, {"mul r8, r9, r10", "MUL T2"},
    {"mla r0, r1, r2, r3", "MLA T1"}, {"mls r0, r1, r2, r3", "MLS T1"},
    {"smlabb r0, r1, r2, r3", "SMLABB T1"}, {"smlatb r0, r1, r2, r3", "SMLABB T1"},
    {"smlabt r0, r1, r2, r3", "SMLABB T1"}, {"smlatt r0, r1, r2, r3", "SMLABB T1"},
    {"smulbb r0, r1, r2", "SMULBB T1"}, {"smultt r0, r1, r2", "SMULBB T1"},
    {"smlad r0, r1, r2, r3", "SMLAD T1"}, {"smladx r0, r1, r2, r3", "SMLAD T1"},
    {"smuad r0, r1, r2", "SMUAD T1"}, {"smuadx r0, r1, r2", "SMUAD T1"},
    {"smlawb r0, r1, r2, r3", "SMLAWB T1"}, {"smlawt r0, r1, r2, r3", "SMLAWB T1"},
    {"smulwb r0, r1, r2", "SMULWB T1"}, {"smulwt r0, r1, r2", "SMULWB T1"},
    {"smlsd r0, r1, r2, r3", "SMLSD T1"}, {"smlsdx r0, r1, r2, r3", "SMLSD T1"},
    {"smusd r0, r1, r2", "SMUSD T1"}, {"smusdx r0, r1, r2", "SMUSD T1"},
    {"smmla r0, r1, r2, r3", "SMMLA T1"}, {"smmlar r0, r1, r2, r3", "SMMLA T1"},
    {"smmul r0, r1, r2", "SMMUL T1"}, {"smmulr r0, r1, r2", "SMMUL T1"},
    {"smmls r0, r1, r2, r3", "SMMLS T1"}, {"smmlsr r0, r1, r2, r3", "SMMLS T1"},
    {"usada8 r0, r1, r2, r3", "USADA8 T1"}, {"usad8 r0, r1, r2", "USAD8 T1"},
    {"smull r0, r1, r2, r3", "SMULL T1"}, {"sdiv r0, r1, r2", "SDIV T1"}, {"umull r0, r1, r2, r3", "UMULL T1"},
    {"udiv r0, r1, r2", "UDIV T1"}, {"smlal r0, r1, r2, r3", "SMLAL T1"},
    {"smlalbb r0, r1, r2, r3", "SMLALBB T1"}, {"smlaltb r0, r1, r2, r3", "SMLALBB T1"},
    {"smlalbt r0, r1, r2, r3", "SMLALBB T1"}, {"smlaltt r0, r1, r2, r3", "SMLALBB T1"},
    {"smlald r0, r1, r2, r3", "SMLALD T1"}, {"smlaldx r0, r1, r2, r3", "SMLALD T1"},
    {"smlsld r0, r1, r2, r3", "SMLSLD T1"}, {"smlsldx r0, r1, r2, r3", "SMLSLD T1"},
    {"umlal r0, r1, r2, r3", "UMLAL T1"}, {"umaal r0, r1, r2, r3", "UMAAL T1"},
    {"qadd r0, r1, r2", "QADD T1"}, {"qdadd r0, r1, r2", "QDADD T1"}, {"qsub r0, r1, r2", "QSUB T1"},
    {"qdsub r0, r1, r2", "QDSUB T1"}, {"sel r0, r1, r2", "SEL T1"},
    {"ssat r0, #8, r1", "SSAT T1"}, {"ssat r0, #32, r1, lsl #31", "SSAT T1"}, {"ssat r0, #1, r1, asr #1", "SSAT T1"},
    {"ssat16 r0, #16, r1", "SSAT16 T1"}, {"usat r0, #31, r1, asr #7", "USAT T1"}, {"usat r0, #0, r1", "USAT T1"},
    {"usat16 r0, #15, r1", "USAT16 T1"},
    {"pkhbt r0, r1, r2, lsl #5", "PKHBT T1"}, {"pkhtb r0, r1, r2, asr #5", "PKHBT T1"},
    {"sxth r0, r1", "SXTH T1"}, {"sxtb r0, r1", "SXTB T1"}, {"uxth r0, r1", "UXTH T1"}, {"uxtb r0, r1", "UXTB T1"},
    {"sxth r8, r1", "SXTH T2"}, {"sxtb r0, r1, ror #8", "SXTB T2"}, {"uxth r0, r9, ror #16", "UXTH T2"},
    {"uxtb.w r0, r1", "UXTB T2"}, {"sxtb16 r0, r1, ror #24", "SXTB16 T1"}, {"uxtb16 r0, r1", "UXTB16 T1"},
    {"sxtah r0, r1, r2", "SXTAH T1"}, {"uxtah r0, r1, r2, ror #8", "UXTAH T1"}, {"sxtab r0, r1, r2", "SXTAB T1"},
    {"uxtab r0, r1, r2, ror #24", "UXTAB T1"}, {"sxtab16 r0, r1, r2", "SXTAB16 T1"},
    {"uxtab16 r0, r1, r2, ror #16", "UXTAB16 T1"},
};

TEST(MultiplyDspDecode, EveryFormGnuAsEmitsDecodesToItsEncoding) {
  std::vector<std::pair<std::string, std::string>> forms = kForms;
  for (const char* pre : {"s", "q", "sh", "u", "uq", "uh"})
    for (const char* op : {"add16", "asx", "sax", "sub16", "add8", "sub8"}) {
      std::string name = std::string(pre) + op;
      for (char& ch : name) ch = char(std::toupper(ch));
      forms.push_back({std::string(pre) + op + " r0, r1, r2", name + " T1"});
    }
  std::string source;
  for (const auto& [text, name] : forms) source += text + "\n";
  const std::vector<uint16_t> hws = assemble(source, CoreModel::kCortexM4, kFeatFpSp);
  const Decoder d(kFeatFpSp);
  size_t k = 0;
  for (const auto& [text, name] : forms) {
    ASSERT_LT(k, hws.size());
    const auto [result, got] = decode_at(d, hws, k);
    EXPECT_EQ(result, DecodeResult::kOk) << text;
    EXPECT_EQ(got, name) << text;
    k += is_t32_prefix(hws[k]) ? 2 : 1;
  }
  EXPECT_EQ(k, hws.size());
}

TEST(MultiplyDspDecode, RegisterConstraintsAreUnpredictable) {
  // mul r0, r1, r2 = fb01 f002: d, n, m of 13 or 15
  EXPECT_EQ(decode(0xfb01, 0xf002).first, DecodeResult::kOk);
  EXPECT_EQ(decode(0xfb01, 0xfd02).first, DecodeResult::kUnpredictable);  // Rd = SP
  EXPECT_EQ(decode(0xfb0f, 0xf002).first, DecodeResult::kUnpredictable);  // Rn = PC
  EXPECT_EQ(decode(0xfb01, 0xf00d).first, DecodeResult::kUnpredictable);  // Rm = SP
  // mla r0, r1, r2, r3 = fb01 3002: Ra = 13 is UNPREDICTABLE, Ra = 15 is MUL
  EXPECT_EQ(decode(0xfb01, 0xd002).first, DecodeResult::kUnpredictable);
  EXPECT_EQ(decode(0xfb01, 0xf002).second, "MUL T2");
  // mls r0, r1, r2, r3 = fb01 3012: Ra = 15 is UNPREDICTABLE (no MUL-like form)
  EXPECT_EQ(decode(0xfb01, 0xf012), std::make_pair(DecodeResult::kUnpredictable, std::string("MLS T1")));
  // smmls r0, r1, r2, r3 = fb61 3002: same for Ra = 15; smmla with Ra = 15 is SMMUL
  EXPECT_EQ(decode(0xfb61, 0xf002), std::make_pair(DecodeResult::kUnpredictable, std::string("SMMLS T1")));
  EXPECT_EQ(decode(0xfb51, 0xf002), std::make_pair(DecodeResult::kOk, std::string("SMMUL T1")));
  // smlabb / usada8 with Ra = 13
  EXPECT_EQ(decode(0xfb11, 0xd002).first, DecodeResult::kUnpredictable);
  EXPECT_EQ(decode(0xfb71, 0xd002).first, DecodeResult::kUnpredictable);
  // smull r0, r1, r2, r3 = fb82 0103: RdHi == RdLo, RdHi = PC, Rn = SP
  EXPECT_EQ(decode(0xfb82, 0x0103).first, DecodeResult::kOk);
  EXPECT_EQ(decode(0xfb82, 0x0003).first, DecodeResult::kUnpredictable);
  EXPECT_EQ(decode(0xfb82, 0x0f03).first, DecodeResult::kUnpredictable);
  EXPECT_EQ(decode(0xfb8d, 0x0103).first, DecodeResult::kUnpredictable);
  // umaal and smlald with RdHi == RdLo
  EXPECT_EQ(decode(0xfbe2, 0x1163).first, DecodeResult::kUnpredictable);
  EXPECT_EQ(decode(0xfbc2, 0x11c3).first, DecodeResult::kUnpredictable);
  // sdiv r0, r1, r2 = fb91 f0f2: bits [15:12] are (1)(1)(1)(1); Rd = PC
  EXPECT_EQ(decode(0xfb91, 0xf0f2).first, DecodeResult::kOk);
  EXPECT_EQ(decode(0xfb91, 0x70f2).first, DecodeResult::kUnpredictable);
  EXPECT_EQ(decode(0xfbb1, 0xfff2).first, DecodeResult::kUnpredictable);
  // sadd16 r0, r1, r2 = fa91 f002 and sel r0, r1, r2 = faa1 f082 with Rd = SP / Rm = PC
  EXPECT_EQ(decode(0xfa91, 0xfd02).first, DecodeResult::kUnpredictable);
  EXPECT_EQ(decode(0xfaa1, 0xf08f).first, DecodeResult::kUnpredictable);
  // qadd r0, r1, r2 = fa82 f081 with Rn = SP
  EXPECT_EQ(decode(0xfa8d, 0xf081).first, DecodeResult::kUnpredictable);
}

TEST(MultiplyDspDecode, SaturateConstraints) {
  // ssat r0, #8, r1 = f301 0007
  EXPECT_EQ(decode(0xf301, 0x0007), std::make_pair(DecodeResult::kOk, std::string("SSAT T1")));
  EXPECT_EQ(decode(0xf30d, 0x0007).first, DecodeResult::kUnpredictable);  // Rn = SP
  EXPECT_EQ(decode(0xf301, 0x0f07).first, DecodeResult::kUnpredictable);  // Rd = PC
  EXPECT_EQ(decode(0xf701, 0x0007).first, DecodeResult::kUnpredictable);  // hw1 bit 10 is (0)
  EXPECT_EQ(decode(0xf301, 0x0027).first, DecodeResult::kUnpredictable);  // hw2 bit 5 is (0)
  // sh = 1 with a zero shift amount is SSAT16; its bits [5:4] are (0)(0)
  EXPECT_EQ(decode(0xf321, 0x0007).second, "SSAT16 T1");
  EXPECT_EQ(decode(0xf321, 0x0017).first, DecodeResult::kUnpredictable);
  EXPECT_EQ(decode(0xf3a1, 0x0007).second, "USAT16 T1");
}

TEST(MultiplyDspDecode, PackAndExtendConstraints) {
  // pkhbt r0, r1, r2 = eac1 0002: S = 1 or T = 1 is UNDEFINED, Rd = SP UNPREDICTABLE, bit 15 is (0)
  EXPECT_EQ(decode(0xeac1, 0x0002).first, DecodeResult::kOk);
  EXPECT_EQ(decode(0xeac1, 0x0012).first, DecodeResult::kUndefined);
  EXPECT_EQ(decode(0xead1, 0x0002).first, DecodeResult::kUndefined);
  EXPECT_EQ(decode(0xeac1, 0x0d02).first, DecodeResult::kUnpredictable);
  EXPECT_EQ(decode(0xeac1, 0x8002).first, DecodeResult::kUnpredictable);
  // sxtab r0, r1, r2 = fa41 f082: Rn = 1111 is SXTB, Rn = SP is UNPREDICTABLE, bit 6 is (0)
  EXPECT_EQ(decode(0xfa41, 0xf082).second, "SXTAB T1");
  EXPECT_EQ(decode(0xfa4f, 0xf082), std::make_pair(DecodeResult::kOk, std::string("SXTB T2")));
  EXPECT_EQ(decode(0xfa4d, 0xf082).first, DecodeResult::kUnpredictable);
  EXPECT_EQ(decode(0xfa41, 0xf0c2).first, DecodeResult::kUnpredictable);
  EXPECT_EQ(decode(0xfa4f, 0xf0c2).first, DecodeResult::kUnpredictable);
  // sxtb16 r0, r1 = fa2f f081 with Rd = PC / Rm = SP
  EXPECT_EQ(decode(0xfa2f, 0xff81).first, DecodeResult::kUnpredictable);
  EXPECT_EQ(decode(0xfa2f, 0xf08d).first, DecodeResult::kUnpredictable);
  // parallel add/sub with hw2 bits [5:4] = 11 has no encoding
  EXPECT_EQ(decode(0xfa91, 0xf032).first, DecodeResult::kUndefined);
}

}  // namespace
}  // namespace mcuprof::test
