// The ELF loader: places a firmware image's loadable segments on the bus and reads its symbol table.
// Each PT_LOAD segment's p_filesz file bytes go to p_paddr (the load address: .data's image in flash, copied to
// RAM by the startup code). The bytes from p_filesz to p_memsz (.bss) have no load address: they are zeroed at
// the run-time address p_vaddr + p_filesz, which for the usual p_paddr == p_vaddr segment is p_paddr + p_filesz.
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "memory/bus.h"

namespace mcuprof {

struct Segment {
  uint32_t paddr = 0, vaddr = 0;
  uint32_t filesz = 0, memsz = 0;
  uint32_t flags = 0;  // PF_X, PF_W, PF_R
};

struct Symbol {
  std::string name;
  uint32_t addr = 0;   // Thumb bit cleared for functions
  uint32_t size = 0;
  bool is_function = false;
};

struct LoadedImage {
  std::vector<Segment> segments;  // the PT_LOAD segments with bytes in memory (p_memsz > 0)
  std::vector<Symbol> symbols;    // defined symbols of .symtab, without section, file and $t/$d mapping symbols
  uint32_t entry = 0;             // e_entry as written (Thumb bit included)
  const Symbol* symbol(std::string_view name) const;  // the first symbol of that name, or nullptr
};

// Every loader error: "<path>: <what>" (missing file, not an ELF, truncated, not ELF32 / EM_ARM / little-endian,
// no loadable segment, a segment outside every memory region with its address range).
class LoadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

LoadedImage load_elf(const std::string& path, Bus& bus);

}  // namespace mcuprof
