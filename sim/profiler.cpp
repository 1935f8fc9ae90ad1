#include "sim/profiler.h"

#include <algorithm>
#include <cstdio>

namespace mcuprof {

Profiler::Profiler(const std::vector<Symbol>& symbols) {
  std::vector<const Symbol*> fs;
  for (const Symbol& s : symbols)
    if (s.is_function) fs.push_back(&s);
  std::sort(fs.begin(), fs.end(), [](const Symbol* a, const Symbol* b) { return a->addr < b->addr; });
  for (const Symbol* s : fs) {
    functions_.push_back({s->name, s->addr, 0, 0, {}, 0});
    ends_.push_back(s->addr + std::max<uint32_t>(s->size, 2));
  }
  functions_.push_back({"<no symbol>", 0, 0, 0, {}, 0});
  ends_.push_back(0);
  depth_.assign(functions_.size(), 0);
}

size_t Profiler::function_at(uint32_t pc) {
  const size_t unknown = functions_.size() - 1;
  if (last_ != unknown && pc >= functions_[last_].address && pc < ends_[last_]) return last_;
  const auto it = std::upper_bound(functions_.begin(), functions_.end() - 1, pc,
                                   [](uint32_t a, const FunctionProfile& f) { return a < f.address; });
  if (it == functions_.begin()) return last_ = unknown;
  const size_t k = size_t(it - functions_.begin()) - 1;
  return last_ = (pc < ends_[k] ? k : unknown);
}

void Profiler::enter(size_t function, uint32_t return_address) {
  functions_[function].calls++;
  depth_[function]++;
  stack_.push_back({function, return_address, now_});
}

void Profiler::leave() {
  const Frame f = stack_.back();
  stack_.pop_back();
  if (--depth_[f.function] == 0) functions_[f.function].inclusive += close(f, now_);
}

void Profiler::on_step(const StepRecord& r) {
  if (!started_) {
    started_ = true;
    enter(function_at(r.pc), 0xFFFFFFFFu);  // the entry point: never returned to
  } else if (r.pc != expected_pc_) {
    // Execution did not continue where the last instruction said: an exception was taken before this one
    // (it will come back to expected_pc_), or an exception return brought us back to an open frame.
    if (stack_.size() > 1 && stack_.back().return_address == r.pc) leave();
    else enter(function_at(r.pc), expected_pc_);
  }
  const size_t f = function_at(r.pc);
  functions_[f].instructions++;
  functions_[f].self += r.cost;
  now_ += r.cost.total();

  if (r.branched) {
    if ((r.regs_written >> 14) & 1) {
      enter(function_at(r.next_pc), r.pc + r.inst->len);  // BL/BLX: LR holds the return address
    } else {
      // A return to an open frame: the innermost one normally, an outer one after longjmp.
      const auto it = std::find_if(stack_.rbegin(), stack_.rend(),
                                   [&](const Frame& fr) { return fr.return_address == r.next_pc; });
      if (it != stack_.rend())
        for (size_t n = size_t(it - stack_.rbegin()) + 1; n > 0; --n) leave();
    }
  }
  expected_pc_ = r.next_pc;
}

std::vector<FunctionProfile> Profiler::results() const {
  std::vector<FunctionProfile> out = functions_;
  std::vector<uint32_t> depth(functions_.size(), 0);
  for (const Frame& f : stack_)  // open calls count up to now, outermost frame of each function only
    if (depth[f.function]++ == 0) out[f.function].inclusive += close(f, now_);
  out.erase(std::remove_if(out.begin(), out.end(), [](const FunctionProfile& p) { return p.instructions == 0 && p.calls == 0; }),
            out.end());
  std::stable_sort(out.begin(), out.end(),
                   [](const FunctionProfile& a, const FunctionProfile& b) { return a.self.total() > b.self.total(); });
  return out;
}

void Profiler::print(std::ostream& out, uint32_t clock_hz, size_t max_rows) const {
  const std::vector<FunctionProfile> rows = results();
  CycleSplit all;
  for (const FunctionProfile& p : rows) all += p.self;
  std::vector<Cause> causes;  // only the causes that occurred, in enum order
  for (size_t c = 0; c < size_t(Cause::kCount); ++c)
    if (all.by_cause[c]) causes.push_back(Cause(c));
  char buf[512];
  std::snprintf(buf, sizeof buf, "profile: %llu cycles = %.6f s at %.0f MHz\n", (unsigned long long)now_,
                double(now_) / clock_hz, clock_hz / 1e6);
  out << buf;
  std::snprintf(buf, sizeof buf, "%-32s %8s %12s %12s %6s %12s", "function", "calls", "instructions", "self cycles",
                "self%", "incl. cycles");
  out << buf;
  for (Cause c : causes) {
    std::snprintf(buf, sizeof buf, " %10.10s", std::string(cause_name(c)).c_str());
    out << buf;
  }
  out << "\n";
  for (size_t k = 0; k < rows.size() && k < max_rows; ++k) {
    const FunctionProfile& p = rows[k];
    std::snprintf(buf, sizeof buf, "%-32.32s %8llu %12llu %12llu %5.1f%% %12llu", p.name.c_str(),
                  (unsigned long long)p.calls, (unsigned long long)p.instructions,
                  (unsigned long long)p.self.total(), now_ ? 100.0 * double(p.self.total()) / double(now_) : 0.0,
                  (unsigned long long)p.inclusive);
    out << buf;
    for (Cause c : causes) {
      std::snprintf(buf, sizeof buf, " %10llu", (unsigned long long)p.self.by_cause[size_t(c)]);
      out << buf;
    }
    out << "\n";
  }
  if (rows.size() > max_rows) out << "(" << rows.size() - max_rows << " more functions)\n";
}

}  // namespace mcuprof
