// The decoder's table machinery: field extraction, most-specific-first matching, feature gating.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "cores/decoder/decoder.h"

namespace mcuprof {
namespace {

TEST(DecoderFields, LettersConcatenateMostSignificantFirst) {
  // ADD (immediate) T3 layout: 11110 i 0 1000 S nnnn 0 iii dddd iiiiiiii -> imm12 = i:imm3:imm8
  const char* pattern = "11110i01000Snnnn0iiiddddiiiiiiii";
  const uint32_t raw = 0xF5110A7Bu;  // i=1, S=1, n=1, imm3=000, d=10, imm8=0x7B
  const Fields f = extract_fields(pattern, raw);
  EXPECT_EQ(f('i'), (1u << 11) | 0x7Bu);
  EXPECT_EQ(f('S'), 1u);
  EXPECT_EQ(f('n'), 1u);
  EXPECT_EQ(f('d'), 10u);
}

TEST(DecoderFields, SixteenBitPatterns) {
  const Fields f = extract_fields("0001100mmmnnnddd", 0x1888);  // ADDS r0, r1, r2
  EXPECT_EQ(f('m'), 2u);
  EXPECT_EQ(f('n'), 1u);
  EXPECT_EQ(f('d'), 0u);
}

TEST(DecoderTables, EveryPatternIsWellFormedAndNamed) {
  Decoder d(kFeatFpSp | kFeatFpDp | kFeatFpV5);
  for (size_t k = 0; k < d.size(); ++k) {
    const Encoding& e = d.encoding(uint16_t(k));
    const size_t w = std::strlen(e.pattern);
    EXPECT_TRUE(w == 16 || w == 32) << e.name;
    EXPECT_NE(e.decode, nullptr) << e.name;
    EXPECT_NE(e.exec, nullptr) << e.name;
    // A5.1: bits [15:11] of the first halfword say the width; a pattern must agree with its own width.
    if (std::strspn(e.pattern, "01") >= 5) {
      const unsigned top = unsigned(std::stoul(std::string(e.pattern, 5), nullptr, 2));
      EXPECT_EQ(top >= 0x1D, w == 32) << e.name;
    }
  }
}

// Two encodings of one width with the same number of fixed bits must never both match an instruction: the
// order between them would be arbitrary. Exact over every pair of patterns of every family: two patterns
// match a common instruction exactly when their fixed bits agree wherever both are fixed.
TEST(DecoderTables, NoTwoEqualSpecificEncodingsOverlap) {
  Decoder d(kFeatFpSp | kFeatFpDp | kFeatFpV5);
  struct P { uint32_t mask = 0, value = 0; int fixed = 0; size_t width = 0; const char* name = nullptr; };
  std::vector<P> ps;
  for (size_t k = 0; k < d.size(); ++k) {
    const Encoding& e = d.encoding(uint16_t(k));
    P p{0, 0, 0, std::strlen(e.pattern), e.name};
    for (size_t b = 0; b < p.width; ++b) {
      const char ch = e.pattern[b];
      if (ch != '0' && ch != '1') continue;
      p.mask |= 1u << (p.width - 1 - b);
      p.value |= uint32_t(ch == '1') << (p.width - 1 - b);
      ++p.fixed;
    }
    ps.push_back(p);
  }
  for (size_t a = 0; a < ps.size(); ++a)
    for (size_t b = a + 1; b < ps.size(); ++b) {
      if (ps[a].fixed != ps[b].fixed || ps[a].width != ps[b].width) continue;
      const uint32_t common = ps[a].mask & ps[b].mask;
      EXPECT_NE(ps[a].value & common, ps[b].value & common) << ps[a].name << " overlaps " << ps[b].name;
    }
}

TEST(DecoderTables, HalfwordsWithT32PrefixAreThirtyTwoBit) {
  Decoder d(kFeatFpSp);
  Inst i;
  d.decode(0xF000, 0x0000, i);
  EXPECT_EQ(i.len, 4);
  d.decode(0xE800, 0x0000, i);
  EXPECT_EQ(i.len, 4);
  d.decode(0xE7FE, 0x0000, i);  // B . (T2) is 16-bit
  EXPECT_EQ(i.len, 2);
}

}  // namespace
}  // namespace mcuprof
