#include "kernels/reference/int4.h"

#include <stdexcept>

namespace mcuprof::ref {

int8_t int4_at(std::span<const uint8_t> packed, size_t i) {
  const unsigned nibble = (i % 2 == 0 ? packed[i / 2] : packed[i / 2] >> 4) & 0xF;
  return static_cast<int8_t>(nibble >= 8 ? int(nibble) - 16 : int(nibble));
}

std::vector<uint8_t> pack_int4(std::span<const int8_t> values) {
  std::vector<uint8_t> packed(int4_packed_bytes(values.size()), 0);
  for (size_t i = 0; i < values.size(); ++i) {
    if (values[i] < -8 || values[i] > 7) throw std::invalid_argument("pack_int4: value outside [-8, 7]");
    const unsigned nibble = static_cast<unsigned>(values[i]) & 0xF;
    packed[i / 2] |= static_cast<uint8_t>(i % 2 == 0 ? nibble : nibble << 4);
  }
  return packed;
}

std::vector<int8_t> unpack_int4(std::span<const uint8_t> packed, size_t count) {
  if (packed.size() < int4_packed_bytes(count)) throw std::invalid_argument("unpack_int4: packed buffer too small");
  std::vector<int8_t> values(count);
  for (size_t i = 0; i < count; ++i) values[i] = int4_at(packed, i);
  return values;
}

}  // namespace mcuprof::ref
