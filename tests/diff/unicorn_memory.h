// Unicorn's own copy of the memory a mcuprof Bus holds: every flash and RAM region copied and mapped at the same
// address, aliases mapped onto their target's copy (as on the bus). Devices (the SCS) are left out.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "memory/bus.h"
#include "tests/diff/unicorn_cpu.h"

namespace mcuprof::diff {

class UnicornMemory {
 public:
  UnicornMemory(const Bus& bus, UnicornCpu& uc);
  void copy_ram_from_bus();           // mcuprof's RAM contents into Unicorn's copies
  std::string first_difference() const;   // "" or "[0x20000010] mcuprof 0x01 unicorn 0x02"

 private:
  struct Copy {
    const Region* region;
    std::vector<uint8_t> bytes;
  };
  std::vector<Copy> copies_;
};

}  // namespace mcuprof::diff
