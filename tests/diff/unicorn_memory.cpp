#include "tests/diff/unicorn_memory.h"

#include <cstdio>
#include <algorithm>
#include <cstring>

namespace mcuprof::diff {

UnicornMemory::UnicornMemory(const Bus& bus, UnicornCpu& uc) {
  for (const auto& r : bus.regions())
    if (r->kind == RegionKind::kFlash || r->kind == RegionKind::kRam)
      copies_.push_back({r.get(), std::vector<uint8_t>(r->data, r->data + r->size)});
  for (Copy& c : copies_) uc.map(c.region->base, c.region->size, c.bytes.data());
  for (const auto& r : bus.regions()) {
    if (r->kind != RegionKind::kAlias) continue;
    for (Copy& t : copies_)
      if (r->data >= t.region->data && r->data < t.region->data + t.region->size)
        uc.map(r->base, r->size, t.bytes.data() + (r->data - t.region->data));
  }
}

void UnicornMemory::copy_ram_from_bus() {
  for (Copy& c : copies_)
    if (c.region->kind == RegionKind::kRam) std::memcpy(c.bytes.data(), c.region->data, c.region->size);
}

std::string UnicornMemory::first_difference() const {
  for (const Copy& c : copies_) {
    const uint8_t* ours = c.region->data;
    const auto at = std::mismatch(c.bytes.begin(), c.bytes.end(), ours);
    if (at.first == c.bytes.end()) continue;
    const uint32_t k = uint32_t(at.first - c.bytes.begin());
    char line[96];
    std::snprintf(line, sizeof line, "[0x%08x] mcuprof 0x%02x unicorn 0x%02x", c.region->base + k, ours[k], c.bytes[k]);
    return line;
  }
  return {};
}

}  // namespace mcuprof::diff
