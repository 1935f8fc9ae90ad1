#include "sim/kernel_image.h"

#include <cstdlib>
#include <iostream>

#include "cores/core.h"

namespace mcuprof {

namespace {

constexpr uint32_t kMissingBkpt = 0x4E;  // kernels/target/runtime.c MK_MISSING_BKPT
constexpr uint64_t kStartupBudget = 10'000'000;
constexpr uint32_t kFlashAlign = 16;

std::string hex(uint32_t v) {
  std::ostringstream s;
  s << "0x" << std::hex << v;
  return s.str();
}

const char* core_file(CoreModel m) { return m == CoreModel::kCortexM4 ? "cortex-m4.elf" : "cortex-m7.elf"; }

// The end of the run of memory regions of `kind` that are contiguous from `addr` (0 when addr is in none).
uint32_t contiguous_end(const Board& b, uint32_t addr, RegionKind kind) {
  uint32_t end = 0;
  for (bool grew = true; grew;) {
    grew = false;
    for (const BoardRegion& r : b.regions) {
      const uint32_t from = end ? end : addr;
      if (r.kind == kind && from >= r.base && from < r.base + r.size) {
        end = r.base + r.size;
        grew = true;
      }
    }
  }
  return end;
}

// The board file's "model_runner": {"arena_base": "0x2001_0000"-style address string}.
uint32_t configured_arena_base(const Board& b) {
  const nlohmann::json& v = b.json["model_runner"]["arena_base"];
  const std::string text = v.is_string() ? v.get<std::string>() : "";
  size_t used = 0;
  unsigned long addr = 0;
  try {
    addr = std::stoul(text, &used, 0);
  } catch (const std::exception&) {
    used = 0;
  }
  if (text.empty() || used != text.size() || addr > 0xFFFFFFFFul)
    throw std::runtime_error(b.file + ": field 'model_runner.arena_base': must be an address string like \"0x20010000\"");
  return uint32_t(addr);
}

uint32_t align_up(uint32_t v, uint32_t a) { return (v + a - 1) / a * a; }

}  // namespace

std::string kernels_dir() {
  if (const char* d = std::getenv("MCUPROF_KERNELS_DIR")) return d;
  return MCUPROF_KERNELS_DIR;
}

KernelImage::KernelImage(const Board& board, bool functional)
    : machine_(board, std::cerr, std::cin), path_(kernels_dir() + "/" + core_file(board.core)), functional_(functional) {
  machine_.load(path_);
  Core& core = machine_.core();
  core.on_bkpt = [this, semihosting = core.on_bkpt](Core& c, uint32_t imm) {
    if (imm == MK_PAUSE_BKPT || imm == kMissingBkpt) {
      pause_ = imm == MK_PAUSE_BKPT ? Pause::kLayer : Pause::kMissing;
      c.request_stop(StopReason::kExit, 0);
      return true;
    }
    return semihosting(c, imm);
  };
  flash_start_ = flash_next_ = align_up(symbol("__image_flash_end"), kFlashAlign);
  flash_end_ = contiguous_end(board, flash_start_, RegionKind::kFlash);
  arena_base_ = symbol("__image_ram_end");
  if (board.json.contains("model_runner") && board.json["model_runner"].contains("arena_base"))
    arena_base_ = configured_arena_base(board);
  arena_end_ = contiguous_end(board, arena_base_, RegionKind::kRam);
  if (!flash_end_ || !arena_end_)
    throw std::runtime_error(path_ + ": the kernel image's flash (" + hex(flash_start_) + ") or arena (" +
                             hex(arena_base_) + ") is outside board " + board.name + "'s memory");
  next_layer_var_ = symbol("mk_next_layer");
  try {
    run_to_pause(kStartupBudget);
  } catch (const KernelError& e) {
    throw std::runtime_error(path_ + ": the kernel image did not start on " + board.name + ": " + e.what());
  }
}

uint32_t KernelImage::symbol(const char* name) const {
  const Symbol* s = machine_.image().symbol(name);
  if (!s) throw std::runtime_error(path_ + ": no symbol " + name + " (not a kernel image?)");
  return s->addr;
}

uint32_t KernelImage::put_flash(std::span<const uint8_t> bytes) {
  if (bytes.size() > flash_free())
    throw std::runtime_error("model constants do not fit the flash: " + std::to_string(bytes.size()) +
                             " more bytes needed, " + std::to_string(flash_free()) + " free after " +
                             std::to_string(flash_used()) + " bytes placed");
  const uint32_t addr = flash_next_;
  if (!bytes.empty() && !machine_.bus().program(addr, bytes.data(), uint32_t(bytes.size())))
    throw std::runtime_error("cannot write flash at " + hex(addr));
  flash_next_ = std::min(flash_end_, align_up(addr + uint32_t(bytes.size()), kFlashAlign));
  return addr;
}

void KernelImage::write_ram(uint32_t addr, std::span<const uint8_t> bytes) {
  if (addr < arena_base_ || addr + bytes.size() > arena_end_)
    throw std::runtime_error("SRAM write of " + std::to_string(bytes.size()) + " bytes at " + hex(addr) +
                             " outside the arena [" + hex(arena_base_) + ", " + hex(arena_end_) + ")");
  if (!bytes.empty() && !machine_.bus().program(addr, bytes.data(), uint32_t(bytes.size())))
    throw std::runtime_error("cannot write SRAM at " + hex(addr));
}

std::vector<uint8_t> KernelImage::read_ram(uint32_t addr, size_t n) {
  std::vector<uint8_t> out(n);
  for (size_t k = 0; k < n; ++k) {
    uint32_t v = 0;
    if (!machine_.bus().read(addr + uint32_t(k), 1, v)) throw std::runtime_error("cannot read SRAM at " + hex(addr));
    out[k] = uint8_t(v);
  }
  return out;
}

uint32_t KernelImage::put_layer(mk_kernel kernel, uint32_t params) {
  const mk_layer layer{int32_t(kernel), params};
  return put_flash_object(layer);
}

void KernelImage::run_to_pause(uint64_t max_instructions) {
  Core& core = machine_.core();
  pause_ = Pause::kNone;
  RunOptions options;
  options.functional = functional_;
  options.deliver_faults = false;  // a kernel fault is a bug to report where it happened, not a handler to run
  options.max_instructions = core.instructions + max_instructions;
  machine_.run(options);
  if (pause_ == Pause::kLayer) return;
  if (pause_ == Pause::kMissing) throw KernelError("the kernel is not in the image " + path_);
  throw KernelError(machine_.describe_stop());
}

KernelImage::Invocation KernelImage::invoke(uint32_t layer, uint64_t max_instructions) {
  Core& core = machine_.core();
  machine_.bus().write(next_layer_var_, 4, layer);
  const uint64_t instructions = core.instructions;
  const CycleSplit before = core.cycles;
  run_to_pause(max_instructions);
  Invocation inv;
  inv.instructions = core.instructions - instructions;
  for (size_t k = 0; k < inv.cycles.by_cause.size(); ++k)
    inv.cycles.by_cause[k] = core.cycles.by_cause[k] - before.by_cause[k];
  return inv;
}

}  // namespace mcuprof
