#include "sim/cli/cli.h"

#include <iostream>

namespace mcuprof::cli {

int exit_status(const Core& c) {
  switch (c.stop_reason) {
    case StopReason::kExit: return c.exit_code;
    case StopReason::kBudget: return kExitBudget;
    case StopReason::kSleepForever: return kExitSleep;
    case StopReason::kLockup: return kExitLockup;
    case StopReason::kFault: return c.last_fault.kind == FaultKind::kUndefInstr ? kExitUndefined : kExitFault;
    case StopReason::kNone: break;
  }
  return kExitFault;
}

const char* core_name(CoreModel m) { return m == CoreModel::kCortexM4 ? "cortex-m4" : "cortex-m7"; }

void set_clock(Board& board, double mhz) {
  if (!(mhz > 0 && mhz < 4295)) throw po::error("--clock-mhz must be a positive number of MHz");
  board.clock_hz = uint32_t(mhz * 1e6 + 0.5);
  if (!board.flash_wait_states.empty()) board.wait_states_at(board.clock_hz);  // throws above the table
}

std::optional<po::variables_map> parse_command(const Args& args, const po::options_description& opts,
                                               std::string* positional, const char* help_epilogue) {
  po::options_description all;
  all.add(opts);
  po::positional_options_description pos;
  if (positional) {
    all.add_options()("positional", po::value(positional));
    pos.add("positional", 1);
  }
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
  po::notify(vm);
  if (vm.count("help")) {
    std::cout << opts << "\n" << help_epilogue;
    return std::nullopt;
  }
  return vm;
}

}  // namespace mcuprof::cli
