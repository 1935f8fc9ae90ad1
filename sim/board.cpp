#include "sim/board.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "cores/isa/inst.h"

namespace mcuprof {

namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

std::string hex(uint32_t v) {
  std::ostringstream s;
  s << "0x" << std::hex << std::uppercase << v;
  return s.str();
}

// The fields of one JSON object; every error names the file and the field's path.
class JsonObject {
 public:
  JsonObject(const json& j, const std::string& file, std::string path) : j_(j), file_(file), path_(std::move(path)) {}

  [[noreturn]] void bad(const std::string& key, const std::string& what) const {
    throw std::runtime_error(file_ + ": field '" + name(key) + "': " + what);
  }
  bool has(const char* key) const { return j_.contains(key); }
  const json& need(const char* key) const {
    if (!j_.contains(key)) throw std::runtime_error(file_ + ": missing field '" + name(key) + "'");
    return j_.at(key);
  }
  std::string text(const char* key) const {
    const json& v = need(key);
    if (!v.is_string()) bad(key, "expected a string");
    return v.get<std::string>();
  }
  bool flag(const char* key) const {
    const json& v = need(key);
    if (!v.is_boolean()) bad(key, "expected true or false");
    return v.get<bool>();
  }
  double real(const char* key) const {
    const json& v = need(key);
    if (!v.is_number()) bad(key, "expected a number");
    return v.get<double>();
  }
  // A 32-bit unsigned number: a JSON number, or a string such as "0x08000000", "512K", "2M".
  uint32_t u32(const char* key) const {
    const json& v = need(key);
    if (v.is_number_unsigned()) {
      if (v.get<uint64_t>() > 0xFFFFFFFFu) bad(key, "does not fit in 32 bits");
      return uint32_t(v.get<uint64_t>());
    }
    if (!v.is_string()) bad(key, "expected a number or a string such as \"0x08000000\" or \"512K\"");
    return parse_u32(key, v.get<std::string>());
  }
  uint32_t u32_or(const char* key, uint32_t fallback) const { return has(key) ? u32(key) : fallback; }
  JsonObject object(const char* key) const {
    const json& v = need(key);
    if (!v.is_object()) bad(key, "expected an object");
    return JsonObject(v, file_, name(key));
  }
  std::vector<JsonObject> objects(const char* key) const {
    const json& v = need(key);
    if (!v.is_array() || v.empty()) bad(key, "expected a non-empty array");
    std::vector<JsonObject> out;
    for (size_t k = 0; k < v.size(); ++k) {
      const std::string item = std::string(key) + "[" + std::to_string(k) + "]";
      if (!v[k].is_object()) bad(item, "expected an object");
      out.emplace_back(v[k], file_, name(item));
    }
    return out;
  }
  std::vector<std::string> strings(const char* key) const {
    const json& v = need(key);
    if (!v.is_array() || v.empty()) bad(key, "expected a non-empty array of strings");
    std::vector<std::string> out;
    for (const json& s : v) {
      if (!s.is_string()) bad(key, "expected a non-empty array of strings");
      out.push_back(s.get<std::string>());
    }
    return out;
  }

 private:
  std::string name(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }
  uint32_t parse_u32(const std::string& key, const std::string& s) const {
    uint64_t scale = 1;
    std::string digits = s;
    if (!digits.empty() && (digits.back() == 'K' || digits.back() == 'M')) {
      scale = digits.back() == 'K' ? 1024 : 1024 * 1024;
      digits.pop_back();
    }
    size_t used = 0;
    uint64_t v = 0;
    try {
      v = std::stoull(digits, &used, 0);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != digits.size()) bad(key, "'" + s + "' is not a number (use 123, \"0x7B\", \"16K\" or \"2M\")");
    if (v * scale > 0xFFFFFFFFu) bad(key, "'" + s + "' does not fit in 32 bits");
    return uint32_t(v * scale);
  }

  const json& j_;
  const std::string& file_;
  std::string path_;
};

struct FpuInfo {
  const char* name;
  uint8_t features;
  bool m4, m7;  // which cores offer it
};
constexpr FpuInfo kFpus[] = {
    {"none", 0, true, true},
    {"fpv4-sp", kFeatFpSp, true, false},
    {"fpv5-sp", kFeatFpSp | kFeatFpV5, false, true},
    {"fpv5-dp", kFeatFpSp | kFeatFpDp | kFeatFpV5, false, true},
};

void read_core(const JsonObject& f, Board& b) {
  const std::string core = f.text("core");
  if (core != "cortex-m4" && core != "cortex-m7") f.bad("core", "'" + core + "' is not one of cortex-m4, cortex-m7");
  b.core = core == "cortex-m4" ? CoreModel::kCortexM4 : CoreModel::kCortexM7;
  const bool m4 = b.core == CoreModel::kCortexM4;
  b.cpuid = f.u32("cpuid");
  const uint32_t part = (b.cpuid >> 4) & 0xFFF;  // B3.2.3 CPUID.PARTNO
  if ((b.cpuid >> 24) != 0x41 || part != (m4 ? 0xC24u : 0xC27u))
    f.bad("cpuid", hex(b.cpuid) + " is not an Arm " + core + " CPUID (part number " + (m4 ? "0xC24" : "0xC27") + ")");
  b.fpu = f.text("fpu");
  auto fpu = std::find_if(std::begin(kFpus), std::end(kFpus), [&](const FpuInfo& i) { return b.fpu == i.name; });
  if (fpu == std::end(kFpus)) f.bad("fpu", "'" + b.fpu + "' is not one of none, fpv4-sp, fpv5-sp, fpv5-dp");
  if (!(m4 ? fpu->m4 : fpu->m7)) f.bad("fpu", "a " + core + " does not have an " + b.fpu + " FPU");
  b.features = fpu->features;
}

void read_regions(const JsonObject& f, Board& b) {
  for (const JsonObject& r : f.objects("regions")) {
    BoardRegion reg;
    reg.name = r.text("name");
    const std::string kind = r.text("kind");
    if (kind != "flash" && kind != "ram" && kind != "alias") r.bad("kind", "'" + kind + "' is not one of flash, ram, alias");
    reg.kind = kind == "flash" ? RegionKind::kFlash : kind == "ram" ? RegionKind::kRam : RegionKind::kAlias;
    reg.base = r.u32("base");
    reg.size = r.u32("size");
    if (reg.size == 0) r.bad("size", "must not be 0");
    reg.wait_cycles = r.u32_or("wait_cycles", 0);
    if (reg.kind == RegionKind::kAlias) {
      reg.target = r.text("target");
      const bool known = std::any_of(b.regions.begin(), b.regions.end(), [&](const BoardRegion& o) {
        return o.name == reg.target && o.kind != RegionKind::kAlias;
      });
      if (!known) r.bad("target", "'" + reg.target + "' is not a flash or RAM region listed before this alias");
    }
    b.regions.push_back(reg);
  }
  const bool boots = std::any_of(b.regions.begin(), b.regions.end(), [&](const BoardRegion& r) {
    return b.boot_address >= r.base && uint64_t(b.boot_address) + 8 <= uint64_t(r.base) + r.size;
  });
  if (!boots) f.bad("boot_address", hex(b.boot_address) + " is not inside a memory region (the vector table is read there)");
}

void read_options(const JsonObject& f, Board& b) {
  b.scs = ScsConfig{};
  b.scs.fp_features = b.features;
  if (f.has("caches")) {
    const JsonObject c = f.object("caches");
    const std::pair<const char*, uint32_t*> sizes[] = {{"icache_bytes", &b.scs.icache_bytes},
                                                       {"dcache_bytes", &b.scs.dcache_bytes}};
    for (const auto& [key, bytes] : sizes) {
      *bytes = c.u32(key);
      if (*bytes && (b.core != CoreModel::kCortexM7 || *bytes < 4096 || (*bytes & (*bytes - 1))))
        c.bad(key, "L1 caches exist only on a cortex-m7 and are a power of two of at least 4096 bytes");
    }
  }
  if (f.has("tcm")) {
    const JsonObject t = f.object("tcm");
    b.scs.itcm_bytes = t.u32("itcm_bytes");
    b.scs.dtcm_bytes = t.u32("dtcm_bytes");
  }
  b.scs.priority_bits = f.u32_or("nvic_priority_bits", 8);
  if (b.scs.priority_bits < 3 || b.scs.priority_bits > 8) f.bad("nvic_priority_bits", "must be 3 to 8 (B1.5.4)");
  b.scs.systick_ref_divider = f.u32_or("systick_ref_divider", 0);
  if (f.has("pipeline")) {  // core timing parameters Arm does not publish (cortex-m-timing.md: "BTAC size")
    const JsonObject p = f.object("pipeline");
    if (b.core != CoreModel::kCortexM7) p.bad("btac_entries", "pipeline parameters exist only for a cortex-m7");
    b.m7.btac_entries = p.u32_or("btac_entries", b.m7.btac_entries);
    b.m7.store_buffer_entries = p.u32_or("store_buffer_entries", b.m7.store_buffer_entries);
    if (b.m7.store_buffer_entries == 0) p.bad("store_buffer_entries", "must be at least 1");
  }
}

void read_flash(const JsonObject& f, Board& b) {
  if (!f.has("flash")) return;
  const JsonObject flash = f.object("flash");
  b.flash_read_bits = flash.u32("read_width_bits");
  for (const JsonObject& w : flash.objects("wait_states")) {
    const FlashWaitState ws{w.u32("max_hz"), w.u32("ws")};
    if (!b.flash_wait_states.empty() && ws.max_hz <= b.flash_wait_states.back().max_hz)
      w.bad("max_hz", "the wait-state table must be in increasing clock order");
    b.flash_wait_states.push_back(ws);
  }
  b.flash_interface_base = flash.u32_or("interface_base", 0);
  if (!flash.has("art")) return;
  const JsonObject a = flash.object("art");
  ArtConfig art{a.u32("line_bits"), a.u32("icache_lines"), a.u32("dcache_lines"), a.strings("regions")};
  if (art.line_bits == 0 || art.line_bits % 32 || (art.line_bits & (art.line_bits - 1)))
    a.bad("line_bits", "must be a power of two of at least 32");
  for (const std::string& name : art.regions)
    if (std::none_of(b.regions.begin(), b.regions.end(), [&](const BoardRegion& r) { return r.name == name; }))
      a.bad("regions", "'" + name + "' is not a region of this board");
  b.art = art;
}

void read_power(const JsonObject& f, Board& b) {
  if (!f.has("power")) return;
  const JsonObject p = f.object("power");
  BoardPower power;
  power.active_w = p.real("active_w");
  power.estimate = p.flag("estimate");
  power.note = p.has("note") ? p.text("note") : "";
  if (!(power.active_w > 0)) p.bad("active_w", "must be a positive number of watts");
  if (p.has("sleep_w")) {  // optional: sleep power, its estimate flag and note (as for the active power)
    power.sleep_w = p.real("sleep_w");
    if (!(power.sleep_w > 0)) p.bad("sleep_w", "must be a positive number of watts");
    power.sleep_estimate = p.flag("sleep_estimate");
    power.sleep_note = p.has("sleep_note") ? p.text("sleep_note") : "";
  }
  b.power = power;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot open the board file");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> board_files() {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(boards_dir(), ec))
    if (e.is_regular_file() && e.path().extension() == ".json") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

// A board found by name must carry that name (names are how users and results refer to boards).
Board load_named(const std::string& path) {
  Board b = parse_board(read_file(path), path);
  const std::string stem = fs::path(path).stem().string();
  if (b.name != stem) throw std::runtime_error(path + ": field 'name': '" + b.name + "' does not match the file name");
  return b;
}

}  // namespace

unsigned Board::wait_states_at(uint32_t hz) const {
  for (const FlashWaitState& w : flash_wait_states)
    if (hz <= w.max_hz) return w.wait_states;
  throw std::runtime_error("board '" + name + "': no flash wait states for " + std::to_string(hz) + " Hz" +
                           (flash_wait_states.empty() ? " (the board gives no table)"
                                                      : " (the table ends at " + std::to_string(flash_wait_states.back().max_hz) + " Hz)"));
}

std::string boards_dir() {
  const char* env = std::getenv("MCUPROF_BOARDS_DIR");
  return env && *env ? env : MCUPROF_BOARDS_DIR;
}

Board parse_board(const std::string& text, const std::string& file) {
  Board b;
  b.file = file;
  try {
    b.json = json::parse(text);
  } catch (const json::parse_error& e) {
    throw std::runtime_error(file + ": malformed JSON: " + e.what());
  }
  if (!b.json.is_object()) throw std::runtime_error(file + ": expected a JSON object describing a board");
  const JsonObject f(b.json, file, "");
  b.name = f.text("name");
  b.description = f.text("description");
  read_core(f, b);
  b.clock_hz = f.u32("clock_hz");
  if (b.clock_hz == 0) f.bad("clock_hz", "must not be 0");
  b.boot_address = f.u32("boot_address");
  read_regions(f, b);
  read_options(f, b);
  read_flash(f, b);
  read_power(f, b);
  b.sources = f.strings("sources");
  return b;
}

Board load_board(const std::string& name_or_path) {
  const bool is_path = name_or_path.find('/') != std::string::npos ||
                       (name_or_path.size() > 5 && name_or_path.ends_with(".json"));
  if (is_path) return parse_board(read_file(name_or_path), name_or_path);
  const std::string path = (fs::path(boards_dir()) / (name_or_path + ".json")).string();
  if (fs::is_regular_file(path)) return load_named(path);
  std::string known;
  for (const std::string& f : board_files()) known += (known.empty() ? "" : ", ") + fs::path(f).stem().string();
  throw std::runtime_error("unknown board '" + name_or_path + "' (known: " + (known.empty() ? "none in " + boards_dir() : known) + ")");
}

std::vector<Board> list_boards() {
  std::vector<Board> boards;
  for (const std::string& f : board_files()) boards.push_back(load_named(f));
  return boards;
}

void build_bus(const Board& board, Bus& bus) {
  try {
    for (const BoardRegion& r : board.regions)
      if (r.kind != RegionKind::kAlias) bus.add_memory(r.name, r.kind, r.base, r.size);
    for (const BoardRegion& r : board.regions)
      if (r.kind == RegionKind::kAlias) bus.add_alias(r.name, r.base, r.size, r.target);
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(board.file + ": " + e.what());
  }
}

}  // namespace mcuprof
