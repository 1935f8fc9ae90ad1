#include "memory/stm32_memory_timing.h"

#include <algorithm>

namespace mcuprof {

namespace {

// Cortex-M7 TCM windows [DDI 0489 5.3]: ITCM from 0x0000 0000, DTCM from 0x2000 0000.
constexpr uint32_t kItcmBase = 0x00000000, kDtcmBase = 0x20000000;
// SCB CCR (Cortex-M7: IC bit 17, DC bit 16).
constexpr uint32_t kCcrIc = 1u << 17, kCcrDc = 1u << 16;

// ARMv7-M default memory map (B3.1, Table B3-1): Code (WT) and SRAM (WBWA) regions, external RAM 0x6000 0000
// (WBWA) and 0x8000 0000 (WT) are cacheable; Write-Allocate only in the WBWA regions.
bool cacheable(uint32_t a) { return a < 0x40000000 || (a >= 0x60000000 && a < 0xA0000000); }
bool write_allocate(uint32_t a) { return (a >= 0x20000000 && a < 0x40000000) || (a >= 0x60000000 && a < 0x80000000); }

bool inside(uint32_t base, uint32_t size, const BoardRegion& r) {
  return size && r.base >= base && uint64_t(r.base) + r.size <= uint64_t(base) + size;
}

ArtGeometry geometry(const Board& b) {
  if (!b.art) return {16, 0, 0};
  return {b.art->line_bits / 8, b.art->icache_lines, b.art->dcache_lines};
}

const BoardRegion& target_of(const Board& b, const BoardRegion& r) {
  const auto t = std::find_if(b.regions.begin(), b.regions.end(),
                              [&](const BoardRegion& o) { return o.name == r.target; });
  return r.kind == RegionKind::kAlias && t != b.regions.end() ? *t : r;
}

MemoryPath path_of(const Board& b, const BoardRegion& r) {
  const bool m7 = b.core == CoreModel::kCortexM7;
  if (m7 && (inside(kItcmBase, b.scs.itcm_bytes, r) || inside(kDtcmBase, b.scs.dtcm_bytes, r))) return MemoryPath::kTcm;
  if (b.art && std::count(b.art->regions.begin(), b.art->regions.end(), r.name)) return MemoryPath::kArt;
  return target_of(b, r).kind == RegionKind::kFlash ? MemoryPath::kFlash : MemoryPath::kRam;
}

// The flash line (line_bytes, aligned in the flash's own addresses) that holds addr, in span s's addresses and
// within s: the quiet fetch window after an ART fetch made it the current line.
AddressWindow line_window(const MemorySpan& s, uint32_t addr, uint32_t line_bytes) {
  const uint32_t offset = s.target(addr) % line_bytes;
  const uint32_t first = addr - std::min(offset, addr - s.base);
  const uint64_t end = std::min(uint64_t(addr) - offset + line_bytes, uint64_t(s.base) + s.size);
  return {first, uint32_t(end - first)};
}

// A fetch through the ART makes its line the current one: `line` becomes that line's quiet window.
Wait art_fetch(FlashAccelerator& art, const MemorySpan& s, uint32_t addr, uint64_t now, const FlashControl& c,
               AddressWindow& line) {
  const Wait w = art.fetch(s.target(addr), now, c);
  line = line_window(s, addr, art.line_bytes());
  return w;
}

// STM32F4: RAM without wait states (no cache in front of it) never waits and holds no state.
bool quiet_ram(const MemorySpan& s) { return s.path == MemoryPath::kRam && s.wait_cycles == 0; }

// An access that no accelerator or cache serves: a flash read waits LATENCY cycles, RAM its wait_cycles.
Wait span_wait(const MemorySpan& s, const FlashControl& c) {
  const bool flash = s.path == MemoryPath::kFlash || s.path == MemoryPath::kArt;
  const unsigned n = flash ? c.latency : s.path == MemoryPath::kRam ? s.wait_cycles : 0;
  return n ? Wait{n, flash ? Cause::kFlashWait : Cause::kMemory} : Wait{};
}

}  // namespace

FlashFamily flash_family(const Board& b) {
  return b.core == CoreModel::kCortexM7 ? FlashFamily::kStm32F7 : FlashFamily::kStm32F4;
}

unsigned boot_flash_latency(const Board& b, uint32_t hz) {
  return b.flash_wait_states.empty() ? 0 : b.wait_states_at(hz);
}

MemoryMap::MemoryMap(const Board& b) {
  for (const BoardRegion& r : b.regions)
    spans_.push_back({{r.base, r.size}, path_of(b, r), r.wait_cycles, target_of(b, r).base});
}

const MemorySpan& MemoryMap::search(uint32_t addr) const {
  static const MemorySpan kOutside{};
  for (size_t k = 0; k < spans_.size(); ++k)
    if (spans_[k].contains(addr)) return spans_[last_ = k];
  return kOutside;
}

// ---- STM32F4 ----

Stm32F4MemoryTiming::Stm32F4MemoryTiming(const Board& b, FlashInterface& flash)
    : map_(b), flash_(flash), art_(geometry(b)) {
  flash_.on_cache_reset = [this](bool i, bool d) {
    if (i) art_.reset_icache();
    if (d) art_.reset_dcache();
  };
}

Stm32F4MemoryTiming::~Stm32F4MemoryTiming() { flash_.on_cache_reset = nullptr; }

void Stm32F4MemoryTiming::reset() {
  art_.reset();
  quiet_fetch_ = quiet_data_ = {};
}

Wait Stm32F4MemoryTiming::fetch(uint32_t addr, uint64_t now) {
  const MemorySpan& s = map_.find(addr);
  if (s.path == MemoryPath::kArt) return art_fetch(art_, s, addr, now, flash_.control(), quiet_fetch_.line);
  if (quiet_ram(s)) quiet_fetch_.region = s;
  return span_wait(s, flash_.control());
}

Wait Stm32F4MemoryTiming::data(uint32_t addr, unsigned, bool write, uint64_t now) {
  const MemorySpan& s = map_.find(addr);
  if (s.path == MemoryPath::kArt && !write) return art_.data(s.target(addr), now, flash_.control());
  if (quiet_ram(s)) quiet_data_.region = s;
  return span_wait(s, flash_.control());
}

// ---- STM32F7 ----

Stm32F7MemoryTiming::Stm32F7MemoryTiming(const Board& b, FlashInterface& flash, SystemControl& scs)
    : map_(b), flash_(flash), scs_(scs), art_(geometry(b)), icache_(b.scs.icache_bytes, kIcacheWays),
      dcache_(b.scs.dcache_bytes, kDcacheWays) {
  flash_.on_cache_reset = [this](bool i, bool d) {
    if (i) art_.reset_icache();
    if (d) art_.reset_dcache();
  };
  scs_.on_cache_op = [this](CacheOp op, uint32_t operand) { cache_op(op, operand); };
  // Turning a cache on or off changes what a fetch or load of the current line costs.
  scs_.on_cache_enable = [this] { quiet_fetch_.line = quiet_data_.line = {}; };
}

Stm32F7MemoryTiming::~Stm32F7MemoryTiming() {
  flash_.on_cache_reset = nullptr;
  scs_.on_cache_op = nullptr;
  scs_.on_cache_enable = nullptr;
}

void Stm32F7MemoryTiming::reset() {
  art_.reset();
  quiet_fetch_ = quiet_data_ = {};
  icache_.invalidate_all();
  dcache_.invalidate_all();
}

// ARMv7-M ARM B2.2.7: invalidations drop lines; cleans write dirty data back (not timed) and keep the tags;
// BPIALL concerns the branch predictor (the core model's).
void Stm32F7MemoryTiming::cache_op(CacheOp op, uint32_t operand) {
  quiet_fetch_.line = quiet_data_.line = {};   // the line may be gone
  switch (op) {
    case CacheOp::kIcIallu: return icache_.invalidate_all();
    case CacheOp::kIcImvau: return icache_.invalidate_address(operand);
    case CacheOp::kDcImvac:
    case CacheOp::kDcCimvac: return dcache_.invalidate_address(operand);
    case CacheOp::kDcIsw:
    case CacheOp::kDcCisw: return dcache_.invalidate_set_way(operand);
    case CacheOp::kDcCmvau: case CacheOp::kDcCmvac: case CacheOp::kDcCsw: case CacheOp::kBpIall: return;
  }
}

Wait Stm32F7MemoryTiming::fill(const MemorySpan& s) const {
  const Wait w = span_wait(s, flash_.control());
  return w.cycles ? Wait{w.cycles, Cause::kCacheMiss} : Wait{};
}

Wait Stm32F7MemoryTiming::fetch(uint32_t addr, uint64_t now) {
  const MemorySpan& s = map_.find(addr);
  if (s.path == MemoryPath::kTcm) quiet_fetch_.region = s;
  if (s.path == MemoryPath::kTcm || s.path == MemoryPath::kNone) return {};
  if (s.path == MemoryPath::kArt) return art_fetch(art_, s, addr, now, flash_.control(), quiet_fetch_.line);
  if ((scs_.ccr() & kCcrIc) && icache_.present() && cacheable(addr)) {
    const bool hit = icache_.access(addr, true);
    // Hit or filled, the line is there now; until a fetch elsewhere or maintenance, fetching from it hits and
    // changes nothing (the replacement keeps no per-access state: l1_cache.h).
    quiet_fetch_.line = line_window(s, addr, L1Cache::kLineBytes);
    return hit ? Wait{} : fill(s);
  }
  return span_wait(s, flash_.control());
}

Wait Stm32F7MemoryTiming::data(uint32_t addr, unsigned, bool write, uint64_t now) {
  const MemorySpan& s = map_.find(addr);
  if (s.path == MemoryPath::kTcm) quiet_data_.region = s;
  if (s.path == MemoryPath::kTcm || s.path == MemoryPath::kNone) return {};
  if (s.path == MemoryPath::kArt && !write) return art_.data(s.target(addr), now, flash_.control());
  if ((scs_.ccr() & kCcrDc) && dcache_.present() && cacheable(addr)) {
    const bool allocate = !write || write_allocate(addr);
    const bool hit = dcache_.access(addr, allocate);
    if (hit || allocate) quiet_data_.line = line_window(s, addr, L1Cache::kLineBytes);   // as in fetch()
    if (hit) return {};
    return allocate ? fill(s) : span_wait(s, flash_.control());
  }
  return span_wait(s, flash_.control());
}

std::unique_ptr<MemoryTiming> make_stm32_memory_timing(const Board& b, FlashInterface& flash, SystemControl& scs) {
  if (b.core == CoreModel::kCortexM7) return std::make_unique<Stm32F7MemoryTiming>(b, flash, scs);
  return std::make_unique<Stm32F4MemoryTiming>(b, flash);
}

}  // namespace mcuprof
