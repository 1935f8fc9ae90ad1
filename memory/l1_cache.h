// The tags of a Cortex-M7 L1 cache (instruction or data), for timing: which lines are present, what a miss
// evicts. No data is kept (the bus holds it). Facts [Cortex-M7 TRM, DDI 0489, 5.9; shared/reference/
// cortex-m-timing.md]: 32-byte lines; the instruction cache is 2-way and the data cache 4-way set associative;
// every cacheable read allocates (read-allocate), writes allocate only where the memory is Write-Allocate.
//
// Replacement: the TRM documents allocation, critical-word-first and streaming but not how a victim way is
// chosen, and we found no public statement of it. mcuprof must be deterministic, so it uses a documented choice:
// an invalid way first (the lowest), else round-robin per set (a counter per set naming the next victim,
// advanced on each replacement).
#pragma once
#include <cstdint>
#include <vector>

namespace mcuprof {

class L1Cache {
 public:
  static constexpr uint32_t kLineBytes = 32;
  // bytes = 0: no cache (every lookup misses, nothing allocates). Else a power of two, at least ways lines.
  L1Cache(uint32_t bytes, unsigned ways);

  bool present() const { return !tags_.empty(); }
  unsigned sets() const { return sets_; }
  bool contains(uint32_t addr) const { return find(addr) != kNone; }
  // Looks addr up: true on a hit; on a miss allocates its line when `allocate` (evicting a victim) and returns false.
  // (Inline: the hit is the memory timing's common case.)
  bool access(uint32_t addr, bool allocate) {
    if (find(addr) != kNone) return true;
    if (allocate && present()) allocate_line(addr);
    return false;
  }

  // Maintenance (ARMv7-M ARM B2.2.7): invalidate all, by address, by set/way. Cleaning changes no tags.
  void invalidate_all();
  void invalidate_address(uint32_t addr);
  // The set/way operand of DCISW/DCCISW: way in the top log2(ways) bits, set from bit 5 (line size) up.
  void invalidate_set_way(uint32_t operand);

 private:
  static constexpr uint32_t kInvalid = 0xFFFFFFFF;  // no line address (addr >> 5) is this large
  static constexpr unsigned kNone = ~0u;
  unsigned set_of(uint32_t line) const { return line & (sets_ - 1); }
  unsigned find(uint32_t addr) const {  // index into tags_, or kNone
    if (!present()) return kNone;
    const uint32_t line = addr / kLineBytes;
    const unsigned first = set_of(line) * ways_;
    for (unsigned w = 0; w < ways_; ++w)
      if (tags_[first + w] == line) return first + w;
    return kNone;
  }
  unsigned victim(unsigned set);
  void allocate_line(uint32_t addr);   // a miss: addr's line takes a victim's place

  unsigned ways_ = 0, sets_ = 0;
  std::vector<uint32_t> tags_;       // sets_ x ways_ line addresses, kInvalid when empty
  std::vector<uint8_t> next_victim_; // per set: the round-robin pointer
};

}  // namespace mcuprof
