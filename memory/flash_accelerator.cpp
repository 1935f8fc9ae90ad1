#include "memory/flash_accelerator.h"

#include <algorithm>

namespace mcuprof {

unsigned FlashAccelerator::LineCache::find(uint32_t line) const {
  unsigned& hint = hint_[line % kHints];
  if (hint < lines_.size() && lines_[hint] == line) return hint;
  const auto it = std::find(lines_.begin(), lines_.end(), line);
  if (it == lines_.end()) return kAbsent;
  return hint = unsigned(it - lines_.begin());
}

bool FlashAccelerator::LineCache::touch(uint32_t line, uint64_t now) {
  const unsigned k = find(line);
  if (k == kAbsent) return false;
  used_[k] = now;
  return true;
}

void FlashAccelerator::LineCache::insert(uint32_t line, uint64_t now) {
  if (capacity_ == 0 || touch(line, now)) return;
  if (lines_.size() < capacity_) {
    lines_.push_back(line);
    used_.push_back(now);
    return;
  }
  // Ties (lines used in the same cycle) go to the earlier slot: deterministic.
  const size_t lru = size_t(std::min_element(used_.begin(), used_.end()) - used_.begin());
  lines_[lru] = line;
  used_[lru] = now;
}

FlashAccelerator::FlashAccelerator(const ArtGeometry& g)
    : line_bytes_(g.line_bytes), icache_(g.icache_lines), dcache_(g.dcache_lines) {}

void FlashAccelerator::reset() {
  icache_.clear();
  dcache_.clear();
  current_line_ = prefetch_line_ = kNoLine;
  prefetch_ready_ = port_free_ = 0;
}

// A read started at `start` delivers its line latency cycles later (a zero-wait access delivers in the cycle it
// is issued: the 1 of LATENCY + 1 is the core's own cycle) and holds the port for LATENCY + 1 cycles.
uint64_t FlashAccelerator::read_line(uint64_t start, unsigned latency) {
  port_free_ = start + latency + 1;
  return start + latency;
}

void FlashAccelerator::start_prefetch(uint32_t line, uint64_t from, const FlashControl& c) {
  if (!c.prefetch || line == prefetch_line_ || (c.icache && icache_.contains(line))) return;
  prefetch_line_ = line;
  prefetch_ready_ = read_line(std::max(from, port_free_), c.latency);
}

Wait FlashAccelerator::fetch(uint32_t addr, uint64_t now, const FlashControl& c) {
  const uint32_t line = addr / line_bytes_;
  if (line == current_line_) return {};
  uint64_t ready = now;  // an instruction-cache hit (touch marked it used at `now`: nothing to insert)
  if (c.prefetch && line == prefetch_line_) {
    ready = std::max(now, prefetch_ready_);
    prefetch_line_ = kNoLine;
    if (c.icache) icache_.insert(line, ready);
  } else if (!(c.icache && icache_.touch(line, now))) {
    ready = read_line(std::max(now, port_free_), c.latency);
    if (c.icache) icache_.insert(line, ready);
  }
  current_line_ = line;
  start_prefetch(line + 1, ready, c);
  return waiting(ready - now);
}

Wait FlashAccelerator::data(uint32_t addr, uint64_t now, const FlashControl& c) {
  const uint32_t line = addr / line_bytes_;
  if (c.dcache && dcache_.touch(line, now)) return {};
  // D-bus priority: served now; an I-bus read still to come (a prefetch) moves back by this read.
  const bool prefetch_pending = prefetch_line_ != kNoLine && prefetch_ready_ > now;
  const uint64_t ready = read_line(now, c.latency);
  if (prefetch_pending) {
    prefetch_ready_ += c.latency + 1;
    port_free_ = prefetch_ready_ + 1;
  }
  if (c.dcache) dcache_.insert(line, now);
  return waiting(ready - now);
}

}  // namespace mcuprof
