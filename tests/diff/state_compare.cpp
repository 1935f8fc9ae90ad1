#include "tests/diff/state_compare.h"

#include <cstdio>

namespace mcuprof::diff {

namespace {

void diff_line(std::string& out, const char* what, int index, uint32_t a, uint32_t b) {
  if (a == b) return;
  char line[96];
  std::snprintf(line, sizeof line, "  %s%.0d: mcuprof 0x%08x unicorn 0x%08x\n", what, index, a, b);
  out += line;
}

std::string flags_text(const CpuState& s) {
  char t[32];
  std::snprintf(t, sizeof t, "%c%c%c%c%c GE=%x", s.n ? 'N' : 'n', s.z ? 'Z' : 'z', s.c ? 'C' : 'c', s.v ? 'V' : 'v',
                s.q ? 'Q' : 'q', s.ge);
  return t;
}

}  // namespace

std::string state_differences(const CpuState& ours, const CpuState& theirs, bool fp) {
  std::string out;
  static const char* names[16] = {"r0", "r1", "r2", "r3", "r4",  "r5", "r6", "r7",
                                  "r8", "r9", "r10", "r11", "r12", "sp", "lr", "pc"};
  for (int k = 0; k < 16; ++k) diff_line(out, names[k], 0, ours.r[k], theirs.r[k]);
  if (ours.apsr() != theirs.apsr())
    out += "  apsr: mcuprof " + flags_text(ours) + " unicorn " + flags_text(theirs) + "\n";
  if (fp) {
    for (int k = 0; k < 32; ++k) diff_line(out, k ? "s" : "s0", k, ours.s[k], theirs.s[k]);
    diff_line(out, "fpscr", 0, ours.fpscr, theirs.fpscr);
  }
  return out;
}

std::string format_state(const CpuState& s, bool fp) {
  std::string out;
  char w[64];
  for (int k = 0; k < 16; ++k) {
    std::snprintf(w, sizeof w, "r%-2d=%08x%s", k, s.r[k], k % 8 == 7 ? "\n" : " ");
    out += w;
  }
  out += "    " + flags_text(s) + "\n";
  if (fp) {
    for (int k = 0; k < 32; ++k) {
      std::snprintf(w, sizeof w, "s%-2d=%08x%s", k, s.s[k], k % 8 == 7 ? "\n" : " ");
      out += w;
    }
    std::snprintf(w, sizeof w, "    fpscr=%08x\n", s.fpscr);
    out += w;
  }
  return out;
}

unsigned it_slot_conditions(uint8_t itstate, int cond[4]) {
  unsigned n = 0;
  while ((itstate & 0xF) != 0 && n < 4) {
    cond[n++] = itstate >> 4;
    itstate = (itstate & 7) == 0 ? 0 : uint8_t((itstate & 0xE0) | ((itstate << 1) & 0x1F));
  }
  return n;
}

}  // namespace mcuprof::diff
