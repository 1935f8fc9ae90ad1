// The host side of the kernel image (kernels/target, built per core into <kernels_dir>/<core>.elf): a Machine for a
// board with the image loaded and started (the image's startup enables ART or the L1 caches like SystemInit), paused
// before its first layer. The model runner (sim/model_runner.h) and the kernel tests place constants in flash and
// activations in SRAM through it and invoke one kernel at a time, reading each invocation's instructions and cycles
// by cause. The calling convention is kernels/target/mk_abi.h.
#pragma once
#include <cstdint>
#include <cstring>
#include <span>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "kernels/target/mk_abi.h"
#include "sim/machine.h"

namespace mcuprof {

// $MCUPROF_KERNELS_DIR if set, else the build tree's kernels/ (compiled in).
std::string kernels_dir();

// A kernel that faulted, ran out of budget or is not in the image: one line with what, where and the instruction.
class KernelError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class KernelImage {
 public:
  // Throws std::runtime_error when the image is missing or does not start (one line naming the file).
  KernelImage(const Board& board, bool functional = false);

  Machine& machine() { return machine_; }

  // Constants in flash after the image, each at a 16-byte boundary; returns the target address. Throws when flash
  // is full (saying how much was asked and how much is free).
  uint32_t put_flash(std::span<const uint8_t> bytes);
  template <class T>
  uint32_t put_flash(std::span<const T> values) {
    return put_flash(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(values.data()), values.size_bytes()));
  }
  template <class T>
  uint32_t put_flash_object(const T& pod) {
    return put_flash(std::span<const T>(&pod, 1));
  }
  uint32_t flash_used() const { return flash_next_ - flash_start_; }   // bytes of constants placed so far
  uint32_t flash_free() const { return flash_end_ - flash_next_; }

  // The SRAM the activations may use: [arena_base, arena_end). arena_base is the board file's
  // "model_runner": {"arena_base": "0x..."} if given, else the end of the image's own RAM (data, bss, stack);
  // arena_end is the end of the RAM regions contiguous from there.
  uint32_t arena_base() const { return arena_base_; }
  uint32_t arena_end() const { return arena_end_; }
  void write_ram(uint32_t addr, std::span<const uint8_t> bytes);
  template <class T>
  void write_ram(uint32_t addr, std::span<const T> values) {
    write_ram(addr, std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(values.data()), values.size_bytes()));
  }
  std::vector<uint8_t> read_ram(uint32_t addr, size_t n);

  // A layer descriptor {kernel, params} in flash, ready to invoke any number of times.
  uint32_t put_layer(mk_kernel kernel, uint32_t params);
  struct Invocation {
    uint64_t instructions = 0;
    CycleSplit cycles;
  };
  // Runs the layer at `layer` (from put_layer) to the image's next pause. Throws KernelError on a fault, a budget
  // exhausted or a kernel missing from the image.
  Invocation invoke(uint32_t layer, uint64_t max_instructions = 4'000'000'000ull);

 private:
  uint32_t symbol(const char* name) const;
  void run_to_pause(uint64_t max_instructions);

  Machine machine_;
  std::string path_;
  bool functional_;
  enum class Pause { kNone, kLayer, kMissing } pause_ = Pause::kNone;
  uint32_t flash_start_ = 0, flash_next_ = 0, flash_end_ = 0;
  uint32_t arena_base_ = 0, arena_end_ = 0;
  uint32_t next_layer_var_ = 0;
};

}  // namespace mcuprof
