// Table-driven Thumb decoder (decode_t16 / decode_t32): every encoding is one line of a family's table
// (cores/isa/*.cpp); the decoder matches the fixed bits, most specific pattern first, and lets the
// encoding's decode function fill the compact Inst.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "cores/isa/inst.h"

namespace mcuprof {

// The instruction families, one file each under cores/isa/.
std::span<const Encoding> data_processing_encodings();   // cores/isa/data_processing.cpp
std::span<const Encoding> multiply_dsp_encodings();      // cores/isa/multiply_dsp.cpp
std::span<const Encoding> load_store_encodings();        // cores/isa/load_store.cpp
std::span<const Encoding> branch_system_encodings();     // cores/isa/branch_system.cpp
std::span<const Encoding> floating_point_encodings();     // cores/isa/floating_point.cpp

// True when a halfword is the first half of a 32-bit instruction (A5.1: bits [15:11] 0b11101/0b11110/0b11111).
inline bool is_t32_prefix(uint16_t hw) { return (hw >> 11) >= 0x1D; }

class Decoder {
 public:
  // features: the Feature bits of the core; encodings needing others decode as UNDEFINED.
  explicit Decoder(uint8_t features);

  // Decodes the instruction whose first halfword is hw1 (hw2 is used only for 32-bit instructions).
  // On kUndefined/kUnpredictable, `out` still has len, raw and enc (or kNoEncoding) set.
  DecodeResult decode(uint16_t hw1, uint16_t hw2, Inst& out) const;

  static constexpr uint16_t kNoEncoding = 0xFFFF;
  const Encoding& encoding(uint16_t enc) const { return *table_[enc].e; }
  size_t size() const { return table_.size(); }

 private:
  struct Compiled {
    const Encoding* e;
    uint32_t mask, value;
    uint8_t width;       // 16 or 32
    uint8_t fixed_bits;
    uint8_t features;
  };
  DecodeResult run(const Compiled& c, uint16_t index, uint32_t raw, Inst& out) const;

  uint8_t features_;
  std::vector<Compiled> table_;          // all encodings, most specific first within each width
  std::vector<uint16_t> t16_;            // 65536 entries: index into table_ of the first matching T16 encoding
  std::vector<std::vector<uint16_t>> t32_buckets_;   // by raw bits [31:21]: T32 encodings that can match
};

// Fields of a pattern for a given raw encoding (exposed for tests).
Fields extract_fields(const char* pattern, uint32_t raw);

}  // namespace mcuprof
