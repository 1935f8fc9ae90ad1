// The system bus: the board's memory regions (flash, SRAM, TCMs, aliases) and memory-mapped devices,
// reached through a page table of host pointers so that RAM and flash accesses need no search.
// An access that reaches no region is a bus fault (the caller turns it into PRECISERR/IBUSERR).
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace mcuprof {

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
  uint8_t* data = nullptr;   // host storage (aliases point into their target's storage)
  Device* device = nullptr;  // for kDevice
  bool writable() const { return kind == RegionKind::kRam; }
  bool contains(uint32_t addr, unsigned n = 1) const { return addr >= base && uint64_t(addr) + n <= uint64_t(base) + size; }
};

class Bus {
 public:
  static constexpr unsigned kPageBits = 12;
  Bus();

  // Build the map. Regions may not overlap; sizes in bytes.
  Region& add_memory(const std::string& name, RegionKind kind, uint32_t base, uint32_t size);
  Region& add_alias(const std::string& name, uint32_t base, uint32_t size, const std::string& target);
  Region& add_device(const std::string& name, uint32_t base, uint32_t size, Device* device);

  const Region* find(uint32_t addr) const;
  const std::vector<std::unique_ptr<Region>>& regions() const { return regions_; }

  // Host pointer for a whole access inside one page, or nullptr (device, unmapped, or a write to flash
  // or to a page holding decoded code): those go through read_slow/write_slow.
  uint8_t* read_ptr(uint32_t addr) const { return host(read_page_[addr >> kPageBits], addr); }
  uint8_t* write_ptr(uint32_t addr) const { return host(write_page_[addr >> kPageBits], addr); }

  // Data accesses, little-endian, any alignment (the caller enforces alignment rules). false = bus error.
  bool read(uint32_t addr, unsigned size, uint32_t& value);
  bool write(uint32_t addr, unsigned size, uint32_t value);

  // Loader access: writes flash too (programming the image). false when a byte is outside every memory.
  bool program(uint32_t addr, const uint8_t* bytes, uint32_t n);

  // Decoded-code bookkeeping (decode once): the decoder marks the pages it decoded from; a write to such a
  // RAM page takes the slow path and calls the invalidation hook with the page number.
  void mark_code_page(uint32_t addr);
  void set_code_write_hook(void (*hook)(void*, uint32_t page), void* ctx) { hook_ = hook; hook_ctx_ = ctx; }

 private:
  static uint8_t* host(uintptr_t page_base, uint32_t addr) {
    return page_base ? reinterpret_cast<uint8_t*>(page_base + addr) : nullptr;
  }
  void map_pages(const Region& r);
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
