#include "sim/board.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <stdexcept>
#include <string>

#include "cores/isa/inst.h"
#include "tests/unit/error_of.h"

namespace mcuprof {
namespace {

using nlohmann::json;

using test::error_of;

// A small valid board; tests break one field at a time.
json minimal_board() {
  return json::parse(R"({
    "name": "tiny", "description": "test board", "core": "cortex-m4", "cpuid": "0x410FC241", "fpu": "fpv4-sp",
    "clock_hz": 16000000, "boot_address": "0x08000000",
    "regions": [
      {"name": "flash", "kind": "flash", "base": "0x08000000", "size": "64K"},
      {"name": "ram", "kind": "ram", "base": 536870912, "size": 8192}
    ],
    "sources": ["the test itself"]
  })");
}

std::string parse_error(const json& j) { return error_of([&] { parse_board(j.dump(), "t.json"); }); }

uint32_t rd(Bus& b, uint32_t a) {
  uint32_t v = 0;
  EXPECT_TRUE(b.read(a, 4, v)) << std::hex << a;
  return v;
}

TEST(Board, Stm32f446re) {
  const Board b = load_board("stm32f446re");
  EXPECT_EQ(b.name, "stm32f446re");
  EXPECT_EQ(b.core, CoreModel::kCortexM4);
  EXPECT_EQ(b.cpuid, 0x410FC241u);
  EXPECT_EQ(b.features, kFeatFpSp);
  EXPECT_EQ(b.clock_hz, 180000000u);
  EXPECT_EQ(b.boot_address, 0u);
  ASSERT_EQ(b.regions.size(), 4u);
  EXPECT_EQ(b.regions[0].size, 512u * 1024);
  EXPECT_EQ(b.regions[3].base, 0x2001C000u);
  EXPECT_EQ(b.wait_states_at(180000000), 5u);
  EXPECT_EQ(b.wait_states_at(16000000), 0u);
  EXPECT_EQ(b.flash_read_bits, 128u);
  ASSERT_TRUE(b.power.has_value());
  EXPECT_DOUBLE_EQ(b.power->active_w, 0.16);
  EXPECT_FALSE(b.power->estimate);
  EXPECT_EQ(b.scs.icache_bytes, 0u);
  EXPECT_EQ(b.scs.priority_bits, 4u);
  EXPECT_EQ(b.scs.systick_ref_divider, 8u);
  EXPECT_FALSE(b.sources.empty());

  Bus bus;
  build_bus(b, bus);
  const uint32_t word = 0x20020000;  // initial SP
  ASSERT_TRUE(bus.program(0x08000000, reinterpret_cast<const uint8_t*>(&word), 4));
  EXPECT_EQ(rd(bus, 0x00000000), word) << "flash is aliased at 0 when booting from main flash";
  EXPECT_FALSE(bus.write(0x20020000, 4, 0)) << "128 KB of SRAM end at 0x2001FFFF";
}

TEST(Board, Stm32f746zgAndStm32f767zi) {
  const Board f7 = load_board("stm32f746zg");
  EXPECT_EQ(f7.core, CoreModel::kCortexM7);
  EXPECT_EQ(f7.cpuid, 0x410FC271u);
  EXPECT_EQ(f7.features, kFeatFpSp | kFeatFpV5);
  EXPECT_EQ(f7.boot_address, 0x00200000u);
  EXPECT_EQ(f7.wait_states_at(216000000), 7u);
  EXPECT_EQ(f7.scs.icache_bytes, 4096u);
  EXPECT_EQ(f7.scs.dtcm_bytes, 65536u);
  EXPECT_FALSE(f7.power->estimate);

  const Board big = load_board("stm32f767zi");
  EXPECT_EQ(big.cpuid, 0x411FC270u);
  EXPECT_EQ(big.features, kFeatFpSp | kFeatFpDp | kFeatFpV5);
  EXPECT_EQ(big.scs.dcache_bytes, 16384u);
  ASSERT_TRUE(big.power.has_value());
  EXPECT_TRUE(big.power->estimate) << "no published F767 board power";

  Bus bus;
  build_bus(big, bus);
  const uint32_t word = 0x12345678;
  ASSERT_TRUE(bus.program(0x081FFFFC, reinterpret_cast<const uint8_t*>(&word), 4));
  EXPECT_EQ(rd(bus, 0x003FFFFC), word) << "2 MB of flash seen through the ITCM alias";
  uint64_t ram = 0;
  for (const BoardRegion& r : big.regions)
    if (r.kind == RegionKind::kRam && r.base >= 0x20000000) ram += r.size;
  EXPECT_EQ(ram, 512u * 1024) << "DTCM + SRAM1 + SRAM2";

  SystemControl scs(big.core, big.cpuid, big.scs);  // the board's options reach the ID registers
  uint32_t ccsidr = 0;
  scs.read(0xE000ED80 - SystemControl::kBase, 4, ccsidr);
  EXPECT_EQ(ccsidr, 0xF00FE019u);
}

TEST(Board, EveryBoardInTheDirectoryLoadsAndBuilds) {
  const std::vector<Board> boards = list_boards();
  std::vector<std::string> names;
  for (const Board& b : boards) {
    names.push_back(b.name);
    Bus bus;
    build_bus(b, bus);
    uint32_t v = 0;
    EXPECT_TRUE(bus.read(b.boot_address, 4, v)) << b.name << ": the vector table address is mapped";
  }
  for (const char* expected : {"mps2-an386", "mps2-an500", "stm32f446re", "stm32f746zg", "stm32f767zi"})
    EXPECT_NE(std::find(names.begin(), names.end(), expected), names.end()) << expected;
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
}

TEST(Board, QemuComparisonBoards) {
  const Board an386 = load_board("mps2-an386");
  EXPECT_EQ(an386.core, CoreModel::kCortexM4);
  EXPECT_FALSE(an386.power.has_value());
  EXPECT_EQ(an386.scs.priority_bits, 8u);
  Bus bus;
  build_bus(an386, bus);
  ASSERT_TRUE(bus.write(0x00000100, 4, 0xCAFE));
  EXPECT_EQ(rd(bus, 0x00400100), 0xCAFEu) << "SSRAM1 mirror";
  ASSERT_TRUE(bus.write(0x0100C004, 4, 7));
  EXPECT_EQ(rd(bus, 0x01000004), 7u) << "block RAM mirror";
  const Board an500 = load_board("mps2-an500");
  EXPECT_EQ(an500.core, CoreModel::kCortexM7);
  EXPECT_EQ(an500.scs.icache_bytes, 0u);
  Bus bus7;
  build_bus(an500, bus7);
  EXPECT_TRUE(bus7.write(0x60FFFFFC, 4, 1)) << "PSRAM at 0x60000000";
}

TEST(Board, UnknownBoardListsTheKnownOnes) {
  const std::string e = error_of([] { load_board("stm32f999"); });
  EXPECT_EQ(e.rfind("unknown board 'stm32f999' (known: ", 0), 0u) << e;
  EXPECT_NE(e.find("mps2-an386, mps2-an500, stm32f446re, stm32f746zg, stm32f767zi"), std::string::npos) << e;
  EXPECT_NE(error_of([] { load_board("/nonexistent/x.json"); }).find("/nonexistent/x.json: cannot open"),
            std::string::npos);
}

TEST(Board, BoardsDirectoryFromTheEnvironmentAndPaths) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "mcuprof-board-test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "tiny.json") << minimal_board().dump(2);
  json renamed = minimal_board();
  renamed["name"] = "other";
  std::ofstream(dir / "mislabelled.json") << renamed.dump();
  ASSERT_EQ(setenv("MCUPROF_BOARDS_DIR", dir.c_str(), 1), 0);
  EXPECT_EQ(load_board("tiny").clock_hz, 16000000u);
  EXPECT_NE(error_of([] { load_board("mislabelled"); }).find("field 'name': 'other' does not match the file name"),
            std::string::npos);
  EXPECT_NE(error_of([] { load_board("stm32f446re"); }).find("(known: mislabelled, tiny)"), std::string::npos);
  unsetenv("MCUPROF_BOARDS_DIR");
  EXPECT_EQ(load_board((dir / "tiny.json").string()).name, "tiny") << "a path is read as a file";
  EXPECT_EQ(load_board((dir / "mislabelled.json").string()).name, "other") << "names only bind lookups by name";
  std::filesystem::remove_all(dir);
}

TEST(Board, MalformedFilesGiveTheFileAndField) {
  EXPECT_EQ(error_of([] { parse_board("{ \"name\": ", "bad.json"); }).rfind("bad.json: malformed JSON: ", 0), 0u);
  json j = minimal_board();
  j.erase("clock_hz");
  EXPECT_EQ(parse_error(j), "t.json: missing field 'clock_hz'");
  j = minimal_board();
  j["regions"][1]["size"] = "lots";
  EXPECT_EQ(parse_error(j), "t.json: field 'regions[1].size': 'lots' is not a number (use 123, \"0x7B\", \"16K\" or \"2M\")");
  j = minimal_board();
  j["regions"][0].erase("kind");
  EXPECT_EQ(parse_error(j), "t.json: missing field 'regions[0].kind'");
  j = minimal_board();
  j["regions"][0]["kind"] = "rom";
  EXPECT_EQ(parse_error(j), "t.json: field 'regions[0].kind': 'rom' is not one of flash, ram, alias");
  j = minimal_board();
  j["core"] = "cortex-m7";
  EXPECT_EQ(parse_error(j), "t.json: field 'cpuid': 0x410FC241 is not an Arm cortex-m7 CPUID (part number 0xC27)");
  j = minimal_board();
  j["fpu"] = "fpv5-dp";
  EXPECT_EQ(parse_error(j), "t.json: field 'fpu': a cortex-m4 does not have an fpv5-dp FPU");
  j = minimal_board();
  j["boot_address"] = "0x00000000";
  EXPECT_EQ(parse_error(j), "t.json: field 'boot_address': 0x0 is not inside a memory region (the vector table is read there)");
  j = minimal_board();
  j["regions"].push_back(json{{"name", "alias"}, {"kind", "alias"}, {"base", 0}, {"size", "64K"}, {"target", "rom"}});
  EXPECT_EQ(parse_error(j), "t.json: field 'regions[2].target': 'rom' is not a flash or RAM region listed before this alias");
  j = minimal_board();
  j["caches"] = json{{"icache_bytes", 4096}, {"dcache_bytes", 0}};
  EXPECT_NE(parse_error(j).find("field 'caches.icache_bytes': L1 caches exist only on a cortex-m7"), std::string::npos);
  j = minimal_board();
  j["power"] = json{{"active_w", 0.2}};
  EXPECT_EQ(parse_error(j), "t.json: missing field 'power.estimate'");
  j = minimal_board();
  j["sources"] = json::array();
  EXPECT_EQ(parse_error(j), "t.json: field 'sources': expected a non-empty array of strings");
  j = minimal_board();
  j["clock_hz"] = "0x100000000";
  EXPECT_EQ(parse_error(j), "t.json: field 'clock_hz': '0x100000000' does not fit in 32 bits");
  EXPECT_EQ(error_of([] { parse_board("[1, 2]", "t.json"); }), "t.json: expected a JSON object describing a board");
}

TEST(Board, OverlapsAreReportedWhenTheBusIsBuilt) {
  json j = minimal_board();
  j["regions"].push_back(json{{"name", "ram2"}, {"kind", "ram"}, {"base", "0x20001000"}, {"size", "4K"}});
  const Board b = parse_board(j.dump(), "t.json");
  Bus bus;
  EXPECT_EQ(error_of([&] { build_bus(b, bus); }),
            "t.json: memory region 'ram2' [0x20001000-0x20001fff] overlaps region 'ram' [0x20000000-0x20001fff]");
}

TEST(Board, WaitStatesBeyondTheTableAreAnError) {
  const Board b = load_board("stm32f446re");
  EXPECT_EQ(error_of([&] { b.wait_states_at(216000000); }),
            "board 'stm32f446re': no flash wait states for 216000000 Hz (the table ends at 180000000 Hz)");
  const Board tiny = parse_board(minimal_board().dump(), "t.json");
  EXPECT_NE(error_of([&] { tiny.wait_states_at(1000); }).find("gives no table"), std::string::npos);
}

}  // namespace
}  // namespace mcuprof

namespace mcuprof {
namespace {

// The Cortex-M7 parameters Arm does not publish (the BTAC size) are board data, not constants in the model.
TEST(Board, CortexM7PipelineParametersComeFromTheFile) {
  EXPECT_EQ(load_board("stm32f767zi").m7.btac_entries, 64u);
  json j = minimal_board();
  j["core"] = "cortex-m7";
  j["cpuid"] = "0x411FC270";
  j["fpu"] = "fpv5-dp";
  j["pipeline"] = {{"btac_entries", 16}, {"store_buffer_entries", 2}};
  const Board b = parse_board(j.dump(), "t.json");
  EXPECT_EQ(b.m7.btac_entries, 16u);
  EXPECT_EQ(b.m7.store_buffer_entries, 2u);
  j["pipeline"]["store_buffer_entries"] = 0;
  EXPECT_EQ(parse_error(j), "t.json: field 'pipeline.store_buffer_entries': must be at least 1");
  json m4 = minimal_board();
  m4["pipeline"] = {{"btac_entries", 16}};
  EXPECT_EQ(parse_error(m4), "t.json: field 'pipeline.btac_entries': pipeline parameters exist only for a cortex-m7");
}

}  // namespace
}  // namespace mcuprof
