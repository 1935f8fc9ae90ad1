#include "sim/semihosting.h"

#include <algorithm>
#include <istream>
#include <ostream>
#include <string_view>
#include <utility>

namespace mcuprof {

namespace {

// Operation numbers (semihosting specification, "Semihosting operations").
enum Op : uint32_t {
  kOpen = 0x01, kClose = 0x02, kWriteC = 0x03, kWrite0 = 0x04, kWrite = 0x05, kRead = 0x06, kReadC = 0x07,
  kIsTty = 0x09, kSeek = 0x0A, kFlen = 0x0C, kClock = 0x10, kTime = 0x11, kErrno = 0x13, kGetCmdline = 0x15,
  kHeapInfo = 0x16, kExit = 0x18, kExitExtended = 0x20, kElapsed = 0x30, kTickFreq = 0x31,
};
constexpr uint32_t kApplicationExit = 0x20026;  // ADP_Stopped_ApplicationExit
// errno values as newlib defines them (the firmware's C library reads these through SYS_ERRNO).
constexpr int kEBADF = 9, kEACCES = 13, kEFAULT = 14, kEINVAL = 22, kESPIPE = 29, kENOSYS = 88;
// ":semihosting-features": magic "SHFB", then feature byte 0: SH_EXT_EXIT_EXTENDED | SH_EXT_STDOUT_STDERR.
constexpr char kFeatures[] = {'S', 'H', 'F', 'B', 0x03};
constexpr uint32_t kFeaturesSize = sizeof kFeatures;
constexpr uint32_t kMaxString = 1u << 20;  // SYS_WRITE0 stops after 1 MB without a terminator

struct BadPointer {};  // an argument pointing outside memory: the call fails with EFAULT

uint32_t word(Bus& bus, uint32_t addr) {
  uint32_t v = 0;
  if (!bus.read(addr, 4, v)) throw BadPointer{};
  return v;
}
void put_word(Bus& bus, uint32_t addr, uint32_t v) {
  if (!bus.write(addr, 4, v)) throw BadPointer{};
}
uint8_t byte(Bus& bus, uint32_t addr) {
  uint32_t v = 0;
  if (!bus.read(addr, 1, v)) throw BadPointer{};
  return uint8_t(v);
}
std::string bytes(Bus& bus, uint32_t addr, uint32_t n) {
  std::string s;  // grown as read: a bogus length fails at the first unmapped byte, not in the allocator
  for (uint32_t k = 0; k < n; ++k) s += char(byte(bus, addr + k));
  return s;
}
void put_bytes(Bus& bus, uint32_t addr, std::string_view s) {
  for (size_t k = 0; k < s.size(); ++k)
    if (!bus.write(addr + uint32_t(k), 1, uint8_t(s[k]))) throw BadPointer{};
}
std::string c_string(Bus& bus, uint32_t addr) {
  std::string s;
  for (char ch; s.size() < kMaxString && (ch = char(byte(bus, addr + uint32_t(s.size())))) != '\0';) s += ch;
  return s;
}

}  // namespace

Semihosting::Semihosting(std::ostream& out, std::istream& in, std::string cmdline)
    : out_(out), in_(in), cmdline_(std::move(cmdline)) {}

Semihosting::HeapInfo Semihosting::heap_info_for(const LoadedImage& image, const Bus& bus) {
  const Region* ram = nullptr;
  for (const auto& r : bus.regions())
    if (r->kind == RegionKind::kRam && (!ram || r->size > ram->size)) ram = r.get();
  const auto pick = [&](std::initializer_list<const char*> names, uint32_t fallback) {
    for (const char* n : names)
      if (const Symbol* s = image.symbol(n)) return s->addr;
    return fallback;
  };
  HeapInfo h;
  h.heap_base = pick({"end", "__end__", "_end", "__HeapBase"}, ram ? ram->base : 0);
  h.stack_base = pick({"__StackTop", "_estack", "__stack"}, ram ? ram->base + ram->size : 0);
  h.heap_limit = pick({"__HeapLimit"}, h.stack_base);
  h.stack_limit = pick({"__StackLimit"}, h.heap_base);
  return h;
}

bool Semihosting::handle(Core& c) {
  std::optional<uint32_t> result;
  try {
    result = dispatch(c, c.reg(0), c.reg(1));
  } catch (const BadPointer&) {
    result = fail(kEFAULT);
  }
  if (result) c.set_reg(0, *result);
  return true;
}

// The operation's result for r0, or nothing when the operation leaves r0 alone.
std::optional<uint32_t> Semihosting::dispatch(Core& c, uint32_t op, uint32_t arg) {
  Bus& bus = c.bus;
  switch (op) {
    case kOpen: return sys_open(bus, arg);
    case kClose: return files_.erase(word(bus, arg)) ? 0 : fail(kEBADF);
    case kWriteC: out_.put(char(byte(bus, arg))); return std::nullopt;
    case kWrite0: out_ << c_string(bus, arg); return std::nullopt;
    case kWrite: return sys_write(bus, arg);
    case kRead: return sys_read(bus, arg);
    case kReadC: { const int ch = in_.get(); return ch == std::char_traits<char>::eof() ? uint32_t(-1) : uint32_t(ch); }
    case kIsTty: {
      const OpenFile* f = file(bus, arg);
      return !f ? fail(kEBADF) : f->kind == FileKind::kFeatures ? 0 : 1;
    }
    case kSeek: return sys_seek(bus, arg);
    case kFlen: {
      const OpenFile* f = file(bus, arg);
      return !f ? fail(kEBADF) : f->kind == FileKind::kFeatures ? kFeaturesSize : 0;
    }
    case kClock: return ticks_per(c.scs.cycles(), 100);
    case kTime: return ticks_per(c.scs.cycles(), 1);
    case kErrno: return uint32_t(errno_);
    case kGetCmdline: return sys_get_cmdline(bus, arg);
    case kHeapInfo: sys_heapinfo(c, arg); return std::nullopt;
    case kExit: c.request_stop(StopReason::kExit, arg == kApplicationExit ? 0 : 1); return std::nullopt;
    case kExitExtended: {
      const uint32_t reason = word(bus, arg), subcode = word(bus, arg + 4);
      c.request_stop(StopReason::kExit, reason == kApplicationExit ? int(subcode) : 1);
      return std::nullopt;
    }
    case kElapsed:
      put_word(bus, arg, uint32_t(c.scs.cycles()));
      put_word(bus, arg + 4, uint32_t(c.scs.cycles() >> 32));
      return 0;
    case kTickFreq: return clock_hz_ ? clock_hz_ : fail(kEINVAL);
    default: return fail(kENOSYS);
  }
}

// Argument block: {name, mode, name length}.
uint32_t Semihosting::sys_open(Bus& bus, uint32_t arg) {
  const std::string name = bytes(bus, word(bus, arg), word(bus, arg + 8));
  const uint32_t mode = word(bus, arg + 4);
  if (mode > 11) return fail(kEINVAL);
  FileKind kind;
  if (name == ":tt") kind = mode < 4 ? FileKind::kStdin : mode < 8 ? FileKind::kStdout : FileKind::kStderr;
  else if (name == ":semihosting-features" && mode < 4) kind = FileKind::kFeatures;
  else return fail(kEACCES);  // no host file access
  files_[next_handle_] = OpenFile{kind};
  return next_handle_++;
}

Semihosting::OpenFile* Semihosting::file(Bus& bus, uint32_t arg) {
  auto it = files_.find(word(bus, arg));
  return it == files_.end() ? nullptr : &it->second;
}

// Argument block: {handle, buffer, length}; returns the number of bytes not written.
uint32_t Semihosting::sys_write(Bus& bus, uint32_t arg) {
  const OpenFile* f = file(bus, arg);
  if (!f || (f->kind != FileKind::kStdout && f->kind != FileKind::kStderr)) return fail(kEBADF);
  out_ << bytes(bus, word(bus, arg + 4), word(bus, arg + 8));
  out_.flush();
  return 0;
}

// Argument block: {handle, buffer, length}; returns the number of bytes not read (length at end of file).
uint32_t Semihosting::sys_read(Bus& bus, uint32_t arg) {
  OpenFile* f = file(bus, arg);
  const uint32_t buf = word(bus, arg + 4), len = word(bus, arg + 8);
  std::string got;
  if (f && f->kind == FileKind::kFeatures) {
    got.assign(kFeatures + std::min(f->pos, kFeaturesSize), kFeatures + std::min(f->pos + uint64_t(len), uint64_t(kFeaturesSize)));
    f->pos += uint32_t(got.size());
  } else if (f && f->kind == FileKind::kStdin) {
    for (int ch; got.size() < len && (ch = in_.get()) != std::char_traits<char>::eof();) {
      got += char(ch);
      if (ch == '\n') break;  // a console delivers a line at a time
    }
  } else {
    return fail(kEBADF);
  }
  put_bytes(bus, buf, got);
  return len - uint32_t(got.size());
}

// Argument block: {handle, absolute position}.
uint32_t Semihosting::sys_seek(Bus& bus, uint32_t arg) {
  OpenFile* f = file(bus, arg);
  if (!f) return fail(kEBADF);
  if (f->kind != FileKind::kFeatures) return fail(kESPIPE);
  const uint32_t pos = word(bus, arg + 4);
  if (pos > kFeaturesSize) return fail(kEINVAL);
  f->pos = pos;
  return 0;
}

// Argument block: {buffer, size}; on return size holds the command line's length (without its terminator).
uint32_t Semihosting::sys_get_cmdline(Bus& bus, uint32_t arg) {
  const uint32_t buf = word(bus, arg), size = word(bus, arg + 4);
  if (cmdline_.size() + 1 > size) return fail(kEINVAL);
  put_bytes(bus, buf, std::string_view(cmdline_.c_str(), cmdline_.size() + 1));
  put_word(bus, arg + 4, uint32_t(cmdline_.size()));
  return 0;
}

// r1 points to a word holding the address of the four-word block to fill.
void Semihosting::sys_heapinfo(Core& c, uint32_t arg) {
  const HeapInfo h = heap_ ? *heap_ : heap_info_for(LoadedImage{}, c.bus);
  const uint32_t block = word(c.bus, arg);
  put_word(c.bus, block, h.heap_base);
  put_word(c.bus, block + 4, h.heap_limit);
  put_word(c.bus, block + 8, h.stack_base);
  put_word(c.bus, block + 12, h.stack_limit);
}

// Simulated time in units_per_second units (centiseconds, seconds), or -1 without a clock.
uint32_t Semihosting::ticks_per(uint64_t cycles, uint64_t units_per_second) {
  if (!clock_hz_) return fail(kEINVAL);
  return uint32_t(cycles * units_per_second / clock_hz_);
}

}  // namespace mcuprof
