#include "cores/decoder/decoder.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string>

namespace mcuprof {

Fields extract_fields(const char* pattern, uint32_t raw) {
  Fields f;
  f.raw = raw;
  const size_t width = std::strlen(pattern);
  uint32_t acc[128] = {};
  for (size_t k = 0; k < width; ++k) {
    const unsigned char ch = static_cast<unsigned char>(pattern[k]);
    if (ch == '0' || ch == '1') continue;
    acc[ch] = (acc[ch] << 1) | ((raw >> (width - 1 - k)) & 1u);
  }
  for (char c = 'a'; c <= 'z'; ++c) f.set(c, acc[static_cast<unsigned char>(c)]);
  for (char c = 'A'; c <= 'Z'; ++c) f.set(c, acc[static_cast<unsigned char>(c)]);
  return f;
}

namespace {

std::vector<const Encoding*> all_encodings() {
  std::vector<const Encoding*> out;
  for (auto family : {data_processing_encodings, multiply_dsp_encodings, load_store_encodings,
                      branch_system_encodings, floating_point_encodings}) {
    for (const Encoding& e : family()) out.push_back(&e);
  }
  return out;
}

}  // namespace

Decoder::Decoder(uint8_t features) : features_(features) {
  for (const Encoding* e : all_encodings()) {
    const size_t width = std::strlen(e->pattern);
    if (width != 16 && width != 32) throw std::logic_error(std::string("bad pattern width: ") + e->name);
    Compiled c{e, 0, 0, uint8_t(width), 0, e->features};
    for (size_t k = 0; k < width; ++k) {
      const uint32_t b = 1u << (width - 1 - k);
      if (e->pattern[k] == '0' || e->pattern[k] == '1') {
        c.mask |= b;
        c.fixed_bits++;
        if (e->pattern[k] == '1') c.value |= b;
      }
    }
    table_.push_back(c);
  }
  std::stable_sort(table_.begin(), table_.end(),
                   [](const Compiled& a, const Compiled& b) { return a.fixed_bits > b.fixed_bits; });
  if (table_.size() >= kNoEncoding) throw std::logic_error("too many encodings");

  t16_.assign(65536, kNoEncoding);
  t32_buckets_.resize(2048);
  for (uint16_t idx = 0; idx < table_.size(); ++idx) {
    const Compiled& c = table_[idx];
    if (c.width == 16) {
      for (uint32_t hw = 0; hw < 65536; ++hw)
        if (t16_[hw] == kNoEncoding && (hw & c.mask) == c.value) t16_[hw] = idx;
    } else {
      for (uint32_t top = 0; top < 2048; ++top)
        if (((top << 21) & c.mask & 0xFFE00000u) == (c.value & 0xFFE00000u)) t32_buckets_[top].push_back(idx);
    }
  }
}

DecodeResult Decoder::run(const Compiled& c, uint16_t index, uint32_t raw, Inst& out) const {
  out.enc = index;
  if ((c.features & features_) != c.features) return DecodeResult::kUndefined;
  const DecodeResult r = c.e->decode(extract_fields(c.e->pattern, raw), out);
  if (r == DecodeResult::kOk) out.exec = c.e->exec;
  return r;
}

// Tries the matching encodings most specific first; an encoding whose decode says "SEE other" hands the
// instruction on to the next one that matches (the manual's SEE, e.g. LDRT with Rn == PC is LDR (literal)).
DecodeResult Decoder::decode(uint16_t hw1, uint16_t hw2, Inst& out) const {
  out = Inst{};
  const bool wide = is_t32_prefix(hw1);
  const uint32_t raw = wide ? (uint32_t(hw1) << 16) | hw2 : hw1;
  out.len = wide ? 4 : 2;
  out.raw = raw;
  out.enc = kNoEncoding;
  const auto attempt = [&](uint16_t idx) {
    Inst tmp = out;
    const DecodeResult r = run(table_[idx], idx, raw, tmp);
    if (r != DecodeResult::kSeeOther) out = tmp;
    return r;
  };
  if (!wide) {
    const uint16_t first = t16_[hw1];
    if (first == kNoEncoding) return DecodeResult::kUndefined;
    DecodeResult r = attempt(first);
    for (uint16_t idx = first + 1; r == DecodeResult::kSeeOther && idx < table_.size(); ++idx)
      if (table_[idx].width == 16 && (raw & table_[idx].mask) == table_[idx].value) r = attempt(idx);
    return r == DecodeResult::kSeeOther ? DecodeResult::kUndefined : r;
  }
  for (uint16_t idx : t32_buckets_[raw >> 21]) {
    if ((raw & table_[idx].mask) != table_[idx].value) continue;
    const DecodeResult r = attempt(idx);
    if (r != DecodeResult::kSeeOther) return r;
  }
  return DecodeResult::kUndefined;
}

}  // namespace mcuprof
