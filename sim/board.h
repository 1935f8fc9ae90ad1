// Boards are data: one JSON file per board in boards/ (or anywhere, given by path) describes the core, its
// options, the memory map, the flash timing and the board power, each with its sources. A user adds a board by
// writing one file. Numbers in the files may be JSON numbers or strings ("0x08000000", "512K", "2M").
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cores/system_control.h"
#include "cores/timing/cortex_m7_timing.h"
#include "memory/bus.h"

namespace mcuprof {

struct BoardRegion {
  std::string name;
  RegionKind kind = RegionKind::kRam;  // kFlash, kRam or kAlias
  uint32_t base = 0, size = 0;
  std::string target;                  // for aliases: the region whose storage it maps
  unsigned wait_cycles = 0;            // cycles an uncached access waits beyond zero wait states (not for flash:
                                       // its wait states come from the clock and FLASH_ACR.LATENCY)
};

// The STM32 flash accelerator (ART) as the board file describes it.
struct ArtConfig {
  unsigned line_bits = 0;                 // one line = one flash read
  unsigned icache_lines = 0, dcache_lines = 0;
  std::vector<std::string> regions;       // the regions whose accesses go through it (flash, its aliases)
};

struct FlashWaitState {
  uint32_t max_hz = 0;       // up to and including this HCLK...
  unsigned wait_states = 0;  // ...an access takes wait_states + 1 cycles
};

struct BoardPower {
  double active_w = 0;       // board power while running (W)
  bool estimate = true;      // true: not a measurement; say so wherever it is used
  std::string note;
  double sleep_w = 0;        // board power between inferences (W); 0 when the board file gives none
  bool sleep_estimate = true;
  std::string sleep_note;
};

struct Board {
  std::string name, description;
  std::string file;                 // the file it was read from
  CoreModel core = CoreModel::kCortexM4;
  uint32_t cpuid = 0;
  std::string fpu;                  // "none", "fpv4-sp", "fpv5-sp", "fpv5-dp"
  uint8_t features = 0;             // Feature bits (cores/isa/inst.h) for the core and the decoder
  uint32_t clock_hz = 0;
  uint32_t boot_address = 0;        // where the vector table is read at reset
  std::vector<BoardRegion> regions;
  ScsConfig scs;                    // caches, TCMs, NVIC priority bits, SysTick reference (for SystemControl)
  CortexM7Params m7;                // Cortex-M7 pipeline parameters ("pipeline": BTAC, store buffer)
  unsigned flash_read_bits = 0;     // width of one flash read (0: no flash)
  std::vector<FlashWaitState> flash_wait_states;  // ascending max_hz; empty when the board gives none
  uint32_t flash_interface_base = 0;  // the FLASH register block (FLASH_ACR first); 0 = none
  std::optional<ArtConfig> art;       // absent: no flash accelerator
  std::optional<BoardPower> power;  // absent for boards without a power figure (the QEMU comparison boards)
  std::vector<std::string> sources;
  nlohmann::json json;              // the whole file, for fields other layers read (timing parameters...)

  // Flash wait states at clock hz from the table; std::runtime_error when hz is above the table or there is none.
  unsigned wait_states_at(uint32_t hz) const;
};

// The boards directory: $MCUPROF_BOARDS_DIR if set, else the source tree's boards/ (compiled in).
std::string boards_dir();
// A name ("stm32f446re") is looked up in boards_dir(); anything ending in ".json" or containing '/' is a path.
// Errors (std::runtime_error, one line): "unknown board 'x' (known: a, b, c)"; "<file>: malformed JSON: ...";
// "<file>: field 'regions[2].size': ..." for a missing or wrong field.
Board load_board(const std::string& name_or_path);
// Parses one board document; `file` names it in error messages. Optional fields: caches, tcm (Cortex-M7),
// nvic_priority_bits (default 8), systick_ref_divider (default 0: no reference clock), flash (with optional
// interface_base and art), power; a region's wait_cycles (default 0).
Board parse_board(const std::string& text, const std::string& file);
// Every board in boards_dir(), sorted by name.
std::vector<Board> list_boards();
// Maps the board's memory regions onto the bus (memories first, then aliases). The SCS device is the
// machine's business. Bus errors (overlaps...) come back prefixed with the board's file.
void build_bus(const Board& board, Bus& bus);

}  // namespace mcuprof
