// Arm semihosting (the "Semihosting for AArch32 and AArch64" specification, v2 with the extensions newlib's rdimon
// uses): the firmware executes BKPT 0xAB with the operation in r0 and its argument (or a pointer to an argument
// block) in r1; the result goes to r0. The simulator acts as the debugger: guest memory is read and written
// through the bus directly (not as the core's own accesses), and a bad pointer fails the call (r0 = -1, errno
// EFAULT) instead of faulting the core.
//
// What is supported (everything else returns r0 = -1 with errno ENOSYS):
//   SYS_OPEN 0x01      ":tt" only, the console: modes 0-3 (r) give stdin, 4-7 (w) stdout, 8-11 (a) stderr;
//                      ":semihosting-features" reads "SHFB" + 0x03 (SH_EXT_EXIT_EXTENDED, SH_EXT_STDOUT_STDERR);
//                      any other name is refused (-1, errno EACCES): mcuprof never touches host files.
//   SYS_CLOSE 0x02, SYS_WRITEC 0x03, SYS_WRITE0 0x04, SYS_WRITE 0x05 (returns the bytes NOT written),
//   SYS_READ 0x06 (console input is read up to and including a newline; returns the bytes NOT read),
//   SYS_READC 0x07, SYS_ISTTY 0x09, SYS_SEEK 0x0A (features file only; the console gives ESPIPE),
//   SYS_FLEN 0x0C (the console has length 0, so newlib treats it as a line-buffered character device),
//   SYS_CLOCK 0x10     centiseconds of simulated time (SystemControl::cycles() / clock),
//   SYS_TIME 0x11      seconds of simulated time since reset: deterministic, never the host's clock,
//   SYS_ERRNO 0x13, SYS_GET_CMDLINE 0x15, SYS_HEAPINFO 0x16 (see HeapInfo),
//   SYS_EXIT 0x18      r1 is the reason itself (32-bit convention): ADP_Stopped_ApplicationExit (0x20026) stops
//                      with exit code 0, any other reason with exit code 1,
//   SYS_EXIT_EXTENDED 0x20  r1 points to {reason, subcode}: ApplicationExit stops with the subcode, others with 1,
//   SYS_ELAPSED 0x30 (processor cycles since reset, 64 bits), SYS_TICKFREQ 0x31 (the clock in Hz).
// Both stdout and stderr go to the one output stream. errno values are newlib's (what the firmware's libc reads).
#pragma once
#include <cstdint>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>

#include "cores/core.h"
#include "memory/bus.h"
#include "sim/loader.h"

namespace mcuprof {

class Semihosting {
 public:
  // What SYS_HEAPINFO reports: heap from base up to limit, stack from base (its top) down to limit.
  struct HeapInfo {
    uint32_t heap_base = 0, heap_limit = 0, stack_base = 0, stack_limit = 0;
  };
  // Chosen from the image's linker symbols when present, else from the largest RAM region of the bus:
  //   heap_base   end, __end__, _end, __HeapBase             else the base of that RAM
  //   stack_base  __StackTop, _estack, __stack                else the top of that RAM
  //   heap_limit  __HeapLimit                                 else stack_base (heap and stack grow towards each other)
  //   stack_limit __StackLimit                                else heap_base
  static HeapInfo heap_info_for(const LoadedImage& image, const Bus& bus);

  explicit Semihosting(std::ostream& out, std::istream& in, std::string cmdline);
  void set_clock_hz(uint32_t hz) { clock_hz_ = hz; }   // needed by SYS_CLOCK, SYS_TIME, SYS_TICKFREQ (else -1)
  void set_heap_info(const HeapInfo& h) { heap_ = h; } // else heap_info_for(no symbols, the core's bus)

  // Called on BKPT 0xAB: performs the operation in r0 and returns true (every operation is handled, unknown
  // ones by failing). Exit requests call c.request_stop(StopReason::kExit, code).
  bool handle(Core& c);

 private:
  enum class FileKind : uint8_t { kStdin, kStdout, kStderr, kFeatures };
  struct OpenFile {
    FileKind kind;
    uint32_t pos = 0;
  };
  std::optional<uint32_t> dispatch(Core& c, uint32_t op, uint32_t arg);
  uint32_t sys_open(Bus& bus, uint32_t arg);
  uint32_t sys_write(Bus& bus, uint32_t arg);
  uint32_t sys_read(Bus& bus, uint32_t arg);
  uint32_t sys_seek(Bus& bus, uint32_t arg);
  uint32_t sys_get_cmdline(Bus& bus, uint32_t arg);
  void sys_heapinfo(Core& c, uint32_t arg);
  OpenFile* file(Bus& bus, uint32_t arg);   // the handle in the first word of the block, or nullptr (EBADF)
  uint32_t fail(int err) { errno_ = err; return uint32_t(-1); }
  uint32_t ticks_per(uint64_t cycles, uint64_t units_per_second);

  std::ostream& out_;
  std::istream& in_;
  std::string cmdline_;
  uint32_t clock_hz_ = 0;
  std::optional<HeapInfo> heap_;
  std::map<uint32_t, OpenFile> files_;
  uint32_t next_handle_ = 1;
  int errno_ = 0;
};

}  // namespace mcuprof
