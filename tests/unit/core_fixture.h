// A small RAM-only machine for instruction-level tests: code RAM, data RAM, a flash page and the SCS.
// Code is assembled with the real toolchain (arm-none-eabi-as), so tests also pin our decoder to GNU as.
#pragma once
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

#include "cores/core.h"

namespace mcuprof::test {

// Assembles Thumb code for the given core and FPU; returns its halfwords in order.
inline std::vector<uint16_t> assemble(const std::string& source, CoreModel model, uint8_t features) {
  char dir[] = "/tmp/mcuprof-asm-XXXXXX";
  if (!mkdtemp(dir)) throw std::runtime_error("mkdtemp failed");
  const std::string base = dir;
  {
    std::ofstream s(base + "/t.s");
    s << ".syntax unified\n.thumb\n.text\n" << source << "\n";
  }
  std::string cpu = model == CoreModel::kCortexM4 ? "cortex-m4" : "cortex-m7";
  std::string fpu = !(features & kFeatFpSp) ? "" : (features & kFeatFpDp) ? "fpv5-d16"
                    : model == CoreModel::kCortexM7 ? "fpv5-sp-d16" : "fpv4-sp-d16";
  std::string cmd = "arm-none-eabi-as -mthumb -mcpu=" + cpu + (fpu.empty() ? "" : " -mfloat-abi=hard -mfpu=" + fpu) +
                    " -o " + base + "/t.o " + base + "/t.s 2>" + base + "/err && arm-none-eabi-objcopy -O binary -j .text " +
                    base + "/t.o " + base + "/t.bin";
  const int rc = std::system(cmd.c_str());
  std::ifstream err(base + "/err");
  const std::string err_text((std::istreambuf_iterator<char>(err)), std::istreambuf_iterator<char>());
  std::ifstream bin(base + "/t.bin", std::ios::binary);
  const std::vector<char> bytes((std::istreambuf_iterator<char>(bin)), std::istreambuf_iterator<char>());
  std::system(("rm -rf " + base).c_str());
  if (rc != 0) throw std::runtime_error("assembler failed: " + err_text);
  std::vector<uint16_t> hws;
  for (size_t k = 0; k + 1 < bytes.size(); k += 2)
    hws.push_back(uint16_t(uint8_t(bytes[k]) | (uint8_t(bytes[k + 1]) << 8)));
  return hws;
}

struct CoreFixture {
  static constexpr uint32_t kCode = 0x20000000;
  static constexpr uint32_t kData = 0x20010000;
  static constexpr uint32_t kStackTop = 0x20020000;
  static constexpr uint32_t kFlash = 0x08000000;

  explicit CoreFixture(CoreModel m = CoreModel::kCortexM4, uint8_t feats = kFeatFpSp)
      : model(m), features(feats), scs(m, m == CoreModel::kCortexM4 ? 0x410FC241u : 0x411FC270u),
        core((setup_bus(), bus), scs, m, feats) {
    scs.write(0xE000ED88 - SystemControl::kBase, 4, 0xFu << 20);  // CPACR: full access to CP10/CP11
    core.s.r[13] = kStackTop;
    core.s.r[15] = kCode;
  }

  void load_halfwords(const std::vector<uint16_t>& hws, uint32_t at = kCode) {
    for (size_t k = 0; k < hws.size(); ++k) set_mem16(at + 2 * uint32_t(k), hws[k]);
    core.s.r[15] = at;
    core.stop_reason = StopReason::kNone;
  }
  void load_halfwords(std::initializer_list<uint16_t> hws, uint32_t at = kCode) {
    load_halfwords(std::vector<uint16_t>(hws), at);
  }
  void load_asm(const std::string& source, uint32_t at = kCode) { load_halfwords(assemble(source, model, features), at); }

  // Executes n instructions, stopping early if the core stops (fault, exit...).
  void step(int n = 1) {
    for (int k = 0; k < n && core.stop_reason == StopReason::kNone; ++k) core.step();
  }

  uint32_t mem32(uint32_t a) { uint32_t v = 0; bus.read(a, 4, v); return v; }
  uint16_t mem16(uint32_t a) { uint32_t v = 0; bus.read(a, 2, v); return uint16_t(v); }
  uint8_t mem8(uint32_t a) { uint32_t v = 0; bus.read(a, 1, v); return uint8_t(v); }
  void set_mem32(uint32_t a, uint32_t v) { bus.program(a, reinterpret_cast<const uint8_t*>(&v), 4); }
  void set_mem16(uint32_t a, uint16_t v) { bus.program(a, reinterpret_cast<const uint8_t*>(&v), 2); }
  void set_mem8(uint32_t a, uint8_t v) { bus.program(a, &v, 1); }

  CoreModel model;
  uint8_t features;
  Bus bus;
  SystemControl scs;
  Core core;

 private:
  void setup_bus() {
    bus.add_memory("code", RegionKind::kRam, kCode, 0x10000);
    bus.add_memory("data", RegionKind::kRam, kData, 0x10000);
    bus.add_memory("flash", RegionKind::kFlash, kFlash, 0x10000);
    bus.add_device("scs", SystemControl::kBase, SystemControl::kSize, &scs);
  }
};

}  // namespace mcuprof::test
