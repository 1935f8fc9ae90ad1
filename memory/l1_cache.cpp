#include "memory/l1_cache.h"

#include <bit>
#include <stdexcept>

namespace mcuprof {

L1Cache::L1Cache(uint32_t bytes, unsigned ways) : ways_(ways) {
  if (bytes == 0) return;
  const uint32_t lines = bytes / kLineBytes;
  if (!std::has_single_bit(bytes) || ways == 0 || !std::has_single_bit(ways) || lines < ways)
    throw std::invalid_argument("L1 cache: size must be a power of two holding at least one line per way");
  sets_ = lines / ways;
  tags_.assign(lines, kInvalid);
  next_victim_.assign(sets_, 0);
}

unsigned L1Cache::victim(unsigned set) {
  const unsigned first = set * ways_;
  for (unsigned w = 0; w < ways_; ++w)
    if (tags_[first + w] == kInvalid) return first + w;
  const unsigned w = next_victim_[set];
  next_victim_[set] = uint8_t((w + 1) % ways_);
  return first + w;
}

void L1Cache::allocate_line(uint32_t addr) {
  const uint32_t line = addr / kLineBytes;
  tags_[victim(set_of(line))] = line;
}

void L1Cache::invalidate_all() {
  tags_.assign(tags_.size(), kInvalid);
  next_victim_.assign(next_victim_.size(), 0);
}

void L1Cache::invalidate_address(uint32_t addr) {
  if (const unsigned k = find(addr); k != kNone) tags_[k] = kInvalid;
}

void L1Cache::invalidate_set_way(uint32_t operand) {
  if (!present()) return;
  const unsigned way_shift = 32 - std::countr_zero(ways_);  // ways_ == 1: no way field
  const unsigned way = way_shift >= 32 ? 0 : operand >> way_shift;
  const unsigned set = (operand / kLineBytes) & (sets_ - 1);
  tags_[set * ways_ + way] = kInvalid;
}

}  // namespace mcuprof
