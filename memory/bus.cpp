#include "memory/bus.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace mcuprof {

namespace {

constexpr size_t kPages = size_t(1) << (32 - Bus::kPageBits);

std::string describe(const Region& r) {
  char buf[64];
  std::snprintf(buf, sizeof buf, " [0x%08x-0x%08llx]", unsigned(r.base),
                static_cast<unsigned long long>(uint64_t(r.base) + r.size - 1));
  return "'" + r.name + "'" + buf;
}

}  // namespace

Bus::Bus() : read_page_(kPages, 0), write_page_(kPages, 0), code_page_(kPages, 0) {}

Region& Bus::add(std::unique_ptr<Region> r) {
  if (r->size == 0) throw std::runtime_error("memory region '" + r->name + "' has size 0");
  if (uint64_t(r->base) + r->size > (uint64_t(1) << 32))
    throw std::runtime_error("memory region " + describe(*r) + " extends past the 4 GB address space");
  for (const auto& o : regions_) {
    if (o->name == r->name) throw std::runtime_error("two memory regions are named '" + r->name + "'");
    if (uint64_t(r->base) < uint64_t(o->base) + o->size && uint64_t(o->base) < uint64_t(r->base) + r->size)
      throw std::runtime_error("memory region " + describe(*r) + " overlaps region " + describe(*o));
  }
  regions_.push_back(std::move(r));
  map_pages(*regions_.back());
  return *regions_.back();
}

Region& Bus::add_memory(const std::string& name, RegionKind kind, uint32_t base, uint32_t size) {
  if (kind != RegionKind::kFlash && kind != RegionKind::kRam)
    throw std::runtime_error("memory region '" + name + "' must be flash or RAM");
  auto r = std::make_unique<Region>(Region{name, kind, base, size});
  storage_.push_back(std::make_unique<uint8_t[]>(size));  // zeroed
  if (kind == RegionKind::kFlash) std::fill_n(storage_.back().get(), size, uint8_t(0xFF));  // erased flash
  r->data = storage_.back().get();
  return add(std::move(r));
}

Region& Bus::add_alias(const std::string& name, uint32_t base, uint32_t size, const std::string& target) {
  auto it = std::find_if(regions_.begin(), regions_.end(), [&](const auto& r) { return r->name == target; });
  if (it == regions_.end() || !(*it)->is_memory())
    throw std::runtime_error("alias '" + name + "': no flash or RAM region named '" + target + "'");
  const Region* t = (*it)->target ? (*it)->target : it->get();
  if (size > t->size) throw std::runtime_error("alias '" + name + "' is larger than its target '" + t->name + "'");
  if ((base - t->base) % kPageBytes != 0)
    throw std::runtime_error("alias '" + name + "' must sit at the same offset within a 4 KB page as '" + t->name + "'");
  auto r = std::make_unique<Region>(Region{name, RegionKind::kAlias, base, size, t->data, nullptr, t});
  return add(std::move(r));
}

Region& Bus::add_device(const std::string& name, uint32_t base, uint32_t size, Device* device) {
  return add(std::make_unique<Region>(Region{name, RegionKind::kDevice, base, size, nullptr, device}));
}

const Region* Bus::find(uint32_t addr) const {
  for (const auto& r : regions_)
    if (r->contains(addr)) return r.get();
  return nullptr;
}

// The mapping of a page wholly inside one memory region (writes: RAM only), else 0 (slow path).
uintptr_t Bus::page_mapping(uint32_t page, bool for_write) const {
  const uint32_t start = page << kPageBits;
  const Region* r = find(start);
  if (!r || !r->is_memory() || !r->contains(start, kPageBytes) || (for_write && !r->writable())) return 0;
  return reinterpret_cast<uintptr_t>(r->data) - r->base;
}

void Bus::map_pages(const Region& r) {
  const uint32_t first = r.base >> kPageBits, last = uint32_t((uint64_t(r.base) + r.size - 1) >> kPageBits);
  for (uint32_t p = first; p <= last; ++p) {
    read_page_[p] = page_mapping(p, false);
    write_page_[p] = code_page_[p] ? 0 : page_mapping(p, true);
  }
}

// Calls fn(page) for every page that shares addr's storage: its own and those of the aliases of the same storage.
template <class Fn>
void Bus::for_each_mirror_page(uint32_t addr, Fn fn) const {
  const Region* r = find(addr);
  if (!r || !r->is_memory()) return fn(addr >> kPageBits);
  const Region* storage = r->target ? r->target : r;
  const uint32_t offset = addr - r->base;
  for (const auto& q : regions_)
    if ((q.get() == storage || q->target == storage) && offset < q->size) fn((q->base + offset) >> kPageBits);
}

void Bus::mark_code_page(uint32_t addr) {
  if (code_page_[addr >> kPageBits]) return;
  for_each_mirror_page(addr, [&](uint32_t p) {
    code_page_[p] = 1;
    write_page_[p] = 0;
  });
}

void Bus::unmark_page(uint32_t page) {
  code_page_[page] = 0;
  write_page_[page] = page_mapping(page, true);
}

void Bus::unmark_code_page(uint32_t addr) {
  for_each_mirror_page(addr, [&](uint32_t p) { unmark_page(p); });
}

// After bytes [addr, addr+n) changed: each marked page they touch is unmarked, with its aliases (marks are set
// and cleared on all pages of the same storage together), and reported to the hook.
void Bus::code_written(uint32_t addr, uint32_t n) {
  const uint32_t last = uint32_t((uint64_t(addr) + n - 1) >> kPageBits);
  for (uint32_t p = addr >> kPageBits; p <= last; ++p) {
    if (!code_page_[p]) continue;
    for_each_mirror_page(std::max(addr, p << kPageBits), [&](uint32_t m) {
      unmark_page(m);
      if (hook_) hook_(hook_ctx_, m);
    });
  }
}

// True when every byte of [addr, addr+n) is flash or RAM (writable RAM when for_write), without wrapping.
bool Bus::memory_span(uint32_t addr, uint32_t n, bool for_write) const {
  uint64_t a = addr;
  const uint64_t end = uint64_t(addr) + n;
  if (end > (uint64_t(1) << 32)) return false;
  while (a < end) {
    const Region* r = find(uint32_t(a));
    if (!r || !r->is_memory() || (for_write && !r->writable())) return false;
    a = uint64_t(r->base) + r->size;
  }
  return true;
}

bool Bus::read_slow(uint32_t addr, unsigned size, uint32_t& value) {
  const Region* r = find(addr);
  if (r && r->contains(addr, size)) {
    if (r->device) return r->device->read(addr - r->base, size, value);
    value = 0;
    std::memcpy(&value, r->data + (addr - r->base), size);
    return true;
  }
  if (!memory_span(addr, size, false)) return false;
  value = 0;
  for (unsigned k = 0; k < size; ++k) {  // straddles two memory regions: byte by byte
    const Region* b = find(addr + k);
    value |= uint32_t(b->data[addr + k - b->base]) << (8 * k);
  }
  return true;
}

bool Bus::write_slow(uint32_t addr, unsigned size, uint32_t value) {
  const Region* r = find(addr);
  if (r && r->device && r->contains(addr, size)) return r->device->write(addr - r->base, size, value);
  if (!memory_span(addr, size, true)) return false;
  for (unsigned k = 0; k < size; ++k) {
    const Region* b = find(addr + k);
    b->data[addr + k - b->base] = uint8_t(value >> (8 * k));
  }
  code_written(addr, size);
  return true;
}

bool Bus::program(uint32_t addr, const uint8_t* bytes, uint32_t n) {
  if (n == 0) return true;
  if (!memory_span(addr, n, false)) return false;
  for (uint64_t a = addr, end = uint64_t(addr) + n; a < end;) {
    const Region* r = find(uint32_t(a));
    const uint64_t chunk = std::min<uint64_t>(end, uint64_t(r->base) + r->size) - a;
    std::memcpy(r->data + (a - r->base), bytes + (a - addr), chunk);
    a += chunk;
  }
  code_written(addr, n);
  return true;
}

}  // namespace mcuprof
