// The STM32 flash accelerator (ART) in front of the embedded flash, for timing [RM0090 3.5.2 (F4);
// shared/reference/stm32-boards.md]. One flash read returns one line (128 bits on the F4, 256 on the F7) and
// takes LATENCY + 1 cycles. In front of the flash:
// - the current instruction line: the last line read for the I-bus; fetches within it do not wait;
// - prefetch (PRFTEN): while the core executes from the current line, the next sequential line is read into the
//   prefetch buffer; a fetch from it waits only for what is left of that read;
// - the instruction cache (ICEN; 64 lines): lines fetched from flash are kept; a fetch that hits does not wait;
// - the data cache (DCEN; 8 lines on the F4, none on the F7 here): the same for D-bus reads (literal pools, weights);
// - one flash port: a read that finds the flash busy waits for it; the D-bus has priority over the I-bus, so a
//   data read is served at once and a prefetch still in flight is pushed back by the length of that read
//   (RM0090 does not say whether the prefetch is aborted or delayed: delaying is our choice).
// A fetch that hits none of these (a branch to a line in neither buffer) waits the full LATENCY cycles.
// Data reads without the data cache are not buffered: each waits LATENCY cycles.
//
// The caches' organisation is not documented beyond their size: mcuprof makes them fully associative with
// least-recently-used replacement (deterministic). Times are core cycles; `now` is the cycle an access is issued.
#pragma once
#include <cstdint>
#include <vector>

#include "memory/flash_interface.h"
#include "memory/memory_timing.h"

namespace mcuprof {

struct ArtGeometry {
  unsigned line_bytes = 16;
  unsigned icache_lines = 64;
  unsigned dcache_lines = 8;
};

class FlashAccelerator {
 public:
  explicit FlashAccelerator(const ArtGeometry& g);
  // An instruction fetch (I-bus) or a data read (D-bus) of the flash at addr (its address in the flash region:
  // aliases resolved), issued at cycle now, with the accelerator configured as c. Waits are {0, kIssue} or
  // {n, kFlashWait}.
  Wait fetch(uint32_t addr, uint64_t now, const FlashControl& c);
  Wait data(uint32_t addr, uint64_t now, const FlashControl& c);
  void reset_icache() { icache_.clear(); }
  void reset_dcache() { dcache_.clear(); }
  void reset();  // everything empty, the flash idle
  unsigned line_bytes() const { return line_bytes_; }
  // A fetch from the current instruction line returns {} and changes nothing; only fetch() and reset() move it.

 private:
  static constexpr uint32_t kNoLine = 0xFFFFFFFF;
  // A fully associative LRU set of line numbers: slots in insertion order, each a line and its last use.
  // Lookups first try the slot a small table remembers for the line's low bits (hot code touches the same few
  // lines over and over), then scan; the hint only speeds the search, it never decides the answer.
  class LineCache {
   public:
    explicit LineCache(unsigned lines) : capacity_(lines), hint_(kHints, 0) {}
    bool contains(uint32_t line) const { return find(line) != kAbsent; }
    bool touch(uint32_t line, uint64_t now);   // true if present (marked most recently used)
    void insert(uint32_t line, uint64_t now);  // evicting the least recently used line when full
    void clear() {
      lines_.clear();
      used_.clear();
    }
   private:
    static constexpr unsigned kHints = 256, kAbsent = ~0u;
    unsigned find(uint32_t line) const;   // slot, or kAbsent
    unsigned capacity_;
    std::vector<uint32_t> lines_;
    std::vector<uint64_t> used_;
    mutable std::vector<unsigned> hint_;   // by line % kHints: the slot it was last found in
  };
  static Wait waiting(uint64_t cycles) { return cycles ? Wait{uint32_t(cycles), Cause::kFlashWait} : Wait{}; }
  uint64_t read_line(uint64_t start, unsigned latency);  // occupies the port; returns when the data is there
  void start_prefetch(uint32_t line, uint64_t from, const FlashControl& c);

  unsigned line_bytes_;
  LineCache icache_, dcache_;
  uint32_t current_line_ = kNoLine;    // the I-bus line buffer
  uint32_t prefetch_line_ = kNoLine;   // the prefetch buffer...
  uint64_t prefetch_ready_ = 0;        // ...and the cycle its data is there
  uint64_t port_free_ = 0;             // the first cycle the flash can start another read
};

}  // namespace mcuprof
