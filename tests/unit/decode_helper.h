// Decodes one raw encoding for decode-level tests: a 16-bit halfword, or (hw1 << 16) | hw2 for 32-bit ones.
#pragma once
#include <cstdint>
#include <string>

#include "cores/decoder/decoder.h"

namespace mcuprof::test {

struct Decoded {
  DecodeResult result;
  Inst inst;
  std::string name;  // the matching encoding's table name, empty when none matched
};

inline Decoded decode(uint32_t raw) {
  static const Decoder d(kFeatNone);
  Decoded out{};
  const bool wide = raw > 0xFFFF;
  out.result = d.decode(uint16_t(wide ? raw >> 16 : raw), uint16_t(wide ? raw : 0), out.inst);
  if (out.inst.enc != Decoder::kNoEncoding) out.name = d.encoding(out.inst.enc).name;
  return out;
}

}  // namespace mcuprof::test
