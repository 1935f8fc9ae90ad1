// The system bus: the board's memory regions (flash, SRAM, TCMs, aliases) and memory-mapped devices,
// reached through a page table of host pointers so that RAM and flash accesses need no search.
// An access that reaches no region is a bus fault (the caller turns it into PRECISERR/IBUSERR).
//
// Fast and slow paths: a 4 KB page wholly inside one memory region has a host mapping for reads (and, for RAM,
// for writes). Everything else takes the slow path, which searches the regions: pages only partly covered by a
// region, device pages, writes to flash (refused: flash is read-only at run time, only program() writes it) and
// writes to pages holding decoded code (see mark_code_page).
#pragma once
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

namespace mcuprof {

static_assert(std::endian::native == std::endian::little, "the bus copies little-endian guest data as host words");

// A memory-mapped peripheral (System Control Space, ...). Offsets are from the device's base.
class Device {
 public:
  virtual ~Device() = default;
  // size is 1, 2 or 4; return false for an access the device rejects (a bus fault).
  virtual bool read(uint32_t offset, unsigned size, uint32_t& value) = 0;
  virtual bool write(uint32_t offset, unsigned size, uint32_t value) = 0;
};

enum class RegionKind : uint8_t { kFlash, kRam, kAlias, kDevice };

struct Region {
  std::string name;
  RegionKind kind;
  uint32_t base = 0;
  uint32_t size = 0;
  uint8_t* data = nullptr;        // host storage (aliases point into their target's storage)
  Device* device = nullptr;       // for kDevice
  const Region* target = nullptr; // for kAlias: the flash or RAM region whose storage (from its start) this maps
  // The kind of storage behind the region: an alias reports its target's kind.
  RegionKind storage_kind() const { return target ? target->kind : kind; }
  bool is_memory() const { return storage_kind() == RegionKind::kFlash || storage_kind() == RegionKind::kRam; }
  bool writable() const { return storage_kind() == RegionKind::kRam; }
  bool contains(uint32_t addr, unsigned n = 1) const { return addr >= base && uint64_t(addr) + n <= uint64_t(base) + size; }
};

class Bus {
 public:
  static constexpr unsigned kPageBits = 12;
  static constexpr uint32_t kPageBytes = 1u << kPageBits;
  Bus();

  // Build the map. Regions may not overlap (std::runtime_error naming both regions); sizes in bytes, not 0.
  // Flash starts erased (0xFF), RAM zeroed. An alias maps the first `size` bytes of its target (a flash or RAM
  // region added before it, not larger than the target); it must sit at the same offset within a 4 KB page as
  // its target so that pages correspond one to one.
  Region& add_memory(const std::string& name, RegionKind kind, uint32_t base, uint32_t size);
  Region& add_alias(const std::string& name, uint32_t base, uint32_t size, const std::string& target);
  Region& add_device(const std::string& name, uint32_t base, uint32_t size, Device* device);

  const Region* find(uint32_t addr) const;
  const std::vector<std::unique_ptr<Region>>& regions() const { return regions_; }

  // Host pointer for a whole access inside one page, or nullptr (device, unmapped, or a write to flash
  // or to a page holding decoded code): those go through read_slow/write_slow.
  uint8_t* read_ptr(uint32_t addr) const { return host(read_page_[addr >> kPageBits], addr); }
  uint8_t* write_ptr(uint32_t addr) const { return host(write_page_[addr >> kPageBits], addr); }
  // The same for an access of `size` bytes: nullptr too when it straddles a page.
  uint8_t* read_ptr(uint32_t addr, unsigned size) const { return within_page(addr, size) ? read_ptr(addr) : nullptr; }
  uint8_t* write_ptr(uint32_t addr, unsigned size) const {
    return within_page(addr, size) ? write_ptr(addr) : nullptr;
  }

  // Data accesses, little-endian, any alignment (the caller enforces alignment rules). false = bus error:
  // an unmapped byte, a write to flash, a device refusing, or an access that straddles the end of a region
  // into unmapped space (one that straddles two memory regions is split into bytes and succeeds).
  bool read(uint32_t addr, unsigned size, uint32_t& value) {
    if (const uint8_t* p = read_ptr(addr, size)) {
      value = 0;
      std::memcpy(&value, p, size);
      return true;
    }
    return read_slow(addr, size, value);
  }
  bool write(uint32_t addr, unsigned size, uint32_t value) {
    if (uint8_t* p = write_ptr(addr, size)) {
      std::memcpy(p, &value, size);
      return true;
    }
    return write_slow(addr, size, value);
  }

  // Loader access: writes flash too (programming the image). false, and nothing written, when a byte is
  // outside every memory region (devices included). Decoded code in the written pages is invalidated.
  bool program(uint32_t addr, const uint8_t* bytes, uint32_t n);

  // Decoded-code bookkeeping (decode once): the decoder marks the pages it decoded from (and through aliases
  // every page sharing the same storage); a write to a marked page takes the slow path, which after writing
  // unmarks each marked page of that storage (returning it to fast writes) and calls the hook with its page
  // number. The hook must drop what it decoded from that page; the next decode marks the page again.
  // unmark_code_page does the unmarking without the hook, for a core that drops decoded pages on its own.
  void mark_code_page(uint32_t addr);
  void unmark_code_page(uint32_t addr);
  bool is_code_page(uint32_t addr) const { return code_page_[addr >> kPageBits]; }
  void set_code_write_hook(void (*hook)(void*, uint32_t page), void* ctx) { hook_ = hook; hook_ctx_ = ctx; }

 private:
  static uint8_t* host(uintptr_t page_base, uint32_t addr) {
    return page_base ? reinterpret_cast<uint8_t*>(page_base + addr) : nullptr;
  }
  static bool within_page(uint32_t addr, unsigned size) { return (addr & (kPageBytes - 1)) + size <= kPageBytes; }
  Region& add(std::unique_ptr<Region> r);
  void map_pages(const Region& r);
  uintptr_t page_mapping(uint32_t page, bool for_write) const;
  template <class Fn> void for_each_mirror_page(uint32_t addr, Fn fn) const;
  void unmark_page(uint32_t page);
  void code_written(uint32_t addr, uint32_t n);
  bool memory_span(uint32_t addr, uint32_t n, bool for_write) const;
  bool read_slow(uint32_t addr, unsigned size, uint32_t& value);
  bool write_slow(uint32_t addr, unsigned size, uint32_t value);

  std::vector<std::unique_ptr<Region>> regions_;
  std::vector<std::unique_ptr<uint8_t[]>> storage_;
  // Per 4 KB page: host address of guest address 0 for that page's region (host = table[page] + addr), 0 if none.
  std::vector<uintptr_t> read_page_, write_page_;
  std::vector<uint8_t> code_page_;
  void (*hook_)(void*, uint32_t) = nullptr;
  void* hook_ctx_ = nullptr;
};

}  // namespace mcuprof
