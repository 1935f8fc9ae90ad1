// Packed signed int4 tensors: two values per byte, element i in byte i / 2, the low nibble for even i and the high
// nibble for odd i; a nibble is sign-extended (0x8..0xF are -8..-1). The flat element order is the tensor's ordinary
// one (OHWI weights, NHWC activations), packed across the whole tensor, so a row need not start on a byte. With an odd
// count the final byte's high nibble is 0.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace mcuprof::ref {

inline size_t int4_packed_bytes(size_t count) { return (count + 1) / 2; }

int8_t int4_at(std::span<const uint8_t> packed, size_t i);

// values must lie in [-8, 7].
std::vector<uint8_t> pack_int4(std::span<const int8_t> values);
std::vector<int8_t> unpack_int4(std::span<const uint8_t> packed, size_t count);

}  // namespace mcuprof::ref
