// Which core registers an instruction read or wrote, kept as one byte per register (0, or kMarked when used)
// while the semantics run: marking is a single store on their hot path (a bit mask would be a load, an OR and
// a store per register). mask() gathers the bytes into the bit mask a StepRecord holds (bit n = R[n]), only
// when the instruction is recorded.
#pragma once
#include <array>
#include <cstdint>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace mcuprof {

struct RegisterMarks {
  static constexpr uint8_t kMarked = 0x80;
  alignas(16) std::array<uint8_t, 16> byte{};

  void mark(unsigned n) { byte[n] = kMarked; }
  void clear() { byte = {}; }
  // The top bit of each byte: one PMOVMSKB where SSE2 is there, else mask_portable.
  uint16_t mask() const {
#if defined(__SSE2__)
    return uint16_t(_mm_movemask_epi8(_mm_load_si128(reinterpret_cast<const __m128i*>(byte.data()))));
#else
    return mask_portable();
#endif
  }
  uint16_t mask_portable() const {
    constexpr uint64_t kOnes = 0x0101010101010101;
    constexpr uint64_t kGather = 0x0102040810204080;   // eight 0/1 bytes times this: byte k -> bit 56 + k
    uint64_t low, high;
    std::memcpy(&low, byte.data(), 8);
    std::memcpy(&high, byte.data() + 8, 8);
    low = (low >> 7) & kOnes, high = (high >> 7) & kOnes;
    return uint16_t((low * kGather) >> 56 | ((high * kGather) >> 56) << 8);
  }
};

}  // namespace mcuprof
