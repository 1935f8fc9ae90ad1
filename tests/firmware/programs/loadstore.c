// loadstore: loads and stores of every width with sign and zero extension, immediate (positive, negative,
// pre-/post-indexed with writeback) and register-shifted offsets, LDRD/STRD, LDM/STM and PUSH/POP (struct
// copies, calls), literal-pool loads, unaligned word access through memcpy, newlib's string functions, and the
// exclusive monitor (LDREX/STREX succeed, CLREX makes STREX fail, A3.4).
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "opcheck.h"

static uint8_t buf[256] __attribute__((aligned(8)));

static uint32_t digest_buf(void) {
  uint32_t h = 2166136261u;
  for (unsigned i = 0; i < sizeof buf; i++) h = (h ^ buf[i]) * 16777619u;
  return h;
}

// Stores of each width at assorted offsets, then loads back with sign and zero extension.
static void widths(void) {
  volatile uint8_t *b = buf;
  for (unsigned i = 0; i < 32; i++) {
    b[i] = (uint8_t)(0xF0 + i * 3);
    ((volatile uint16_t *)(buf + 32))[i] = (uint16_t)(0x8001u + i * 0x1111u);
    ((volatile uint32_t *)(buf + 96))[i] = 0x80000000u - i * 0x01010101u;
  }
  int32_t s = 0;
  uint32_t u = 0;
  for (unsigned i = 0; i < 32; i++) {
    s += ((volatile int8_t *)buf)[i] + ((volatile int16_t *)(buf + 32))[i];
    u += b[i] + ((volatile uint16_t *)(buf + 32))[i] + ((volatile uint32_t *)(buf + 96))[i];
  }
  printf("widths s=%" PRId32 " u=%08" PRIx32 " mem=%08" PRIx32 "\n", s, u, digest_buf());
}

// Pointer walks (post-increment, pre-decrement), negative offsets, register offsets scaled by LSL #1/#2.
static void addressing(void) {
  uint32_t *p = (uint32_t *)buf;
  for (unsigned i = 0; i < 16; i++) *p++ = i * 0x10203u;
  uint32_t sum = 0;
  while (p > (uint32_t *)buf) sum = sum * 3 + *--p;
  volatile unsigned idx[4] = {3, 7, 1, 12};
  const uint16_t *h = (const uint16_t *)buf;
  for (unsigned k = 0; k < 4; k++) sum += ((const uint32_t *)buf)[idx[k]] + h[idx[k]] + p[idx[k] + 1] + (&p[idx[k] + 2])[-1];
  printf("addressing %08" PRIx32 "\n", sum);
}

// 64-bit values (LDRD/STRD), struct assignment (LDM/STM), unaligned words via memcpy.
struct record {
  uint64_t id;
  int32_t v[6];
  uint16_t tag;
  int8_t small;
};

static struct record make_record(unsigned i) {
  struct record r = {0x1122334455667788ull * (i + 1), {0}, (uint16_t)(i * 77), (int8_t)(-(int)i)};
  for (int k = 0; k < 6; k++) r.v[k] = (int32_t)(i * 1000 - (unsigned)k * 333);
  return r;
}

static void blocks(void) {
  static struct record table[8];
  for (unsigned i = 0; i < 8; i++) table[i] = make_record(i);
  struct record copy = table[5];
  table[2] = copy;
  uint64_t acc = 0;
  for (unsigned i = 0; i < 8; i++) acc = acc * 1000003u + table[i].id + (uint64_t)(int64_t)table[i].v[i % 6] + table[i].tag + (uint64_t)(int64_t)table[i].small;
  uint32_t words = 0;
  for (unsigned off = 1; off < 28; off += 3) {
    uint32_t w;
    memcpy(&w, (const uint8_t *)table + off, sizeof w);
    words = words * 33 + w;
  }
  printf("blocks %08" PRIx32 "%08" PRIx32 " unaligned %08" PRIx32 "\n", (uint32_t)(acc >> 32), (uint32_t)acc, words);
}

static void strings(void) {
  char s[64];
  strcpy(s, "load/store");
  strcat(s, " through newlib");
  memmove(s + 5, s + 4, strlen(s + 4) + 1);
  memset(s + 20, '*', 5);
  printf("strings \"%s\" len=%u cmp=%d chr=%d\n", s, (unsigned)strlen(s), strcmp(s, "load//store") > 0,
         (int)(strchr(s, 'h') - s));
}

// A3.4 exclusive access: STREX succeeds (status 0) after LDREX to the same address and fails (status 1) once
// CLREX has cleared the local monitor.
static void exclusive(void) {
  static volatile uint32_t counter;
  for (int i = 0; i < 10; i++) __atomic_fetch_add(&counter, 3, __ATOMIC_SEQ_CST);
#if defined(__arm__)
  uint32_t ok, failed, old;
  __asm volatile("ldrex %[old], [%[p]]\n\tstrex %[ok], %[v], [%[p]]"
                 : [old] "=&r"(old), [ok] "=&r"(ok) : [p] "r"(&counter), [v] "r"(100u) : "memory");
  __asm volatile("ldrex %[old], [%[p]]\n\tclrex\n\tstrex %[st], %[v], [%[p]]"
                 : [old] "=&r"(old), [st] "=&r"(failed) : [p] "r"(&counter), [v] "r"(200u) : "memory");
#else
  counter = 100;
  uint32_t ok = 0, failed = 1, old = counter;
#endif
  printf("exclusive counter=%" PRIu32 " old=%" PRIu32 " strex=%" PRIu32 " after clrex=%" PRIu32 "\n", counter, old, ok, failed);
}

int main(void) {
  widths();
  addressing();
  blocks();
  strings();
  exclusive();
  return 0;
}
