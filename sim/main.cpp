// mcuprof command line: `mcuprof run`, `mcuprof boards`.
#include <boost/program_options.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/machine.h"
#include "workloads/zoo.h"

namespace po = boost::program_options;
using namespace mcuprof;

namespace {

// Exit statuses of `mcuprof run` when the simulator, not the program, ends the run (documented in --help).
enum ExitStatus : int {
  kExitUsage = 2,        // bad command line, unknown board, unreadable or broken ELF
  kExitFault = 70,       // a fault the program did not handle (bus fault, unaligned, divide by zero, ...)
  kExitUndefined = 71,   // undefined or UNPREDICTABLE instruction
  kExitBudget = 72,      // --max-instructions reached
  kExitSleep = 73,       // WFI/WFE with nothing that could wake the core
  kExitLockup = 74,      // a fault inside the HardFault handler
};

const char* kUsage =
    "mcuprof: instruction-level simulator and profiler for Arm Cortex-M4/M7 boards\n\n"
    "usage: mcuprof <command> [options]\n\n"
    "commands:\n"
    "  run PROGRAM.elf --board NAME   run a bare-metal program on a simulated board\n"
    "  boards                         list the board profiles\n"
    "  models                         list the built-in model zoo with MACs\n\n"
    "`mcuprof <command> --help` describes a command's options.\n";

const char* kRunExitStatus =
    "exit status:\n"
    "  the program's own exit code when it exits through semihosting (SYS_EXIT / SYS_EXIT_EXTENDED);\n"
    "  2  bad input: command line, unknown board, unreadable or broken ELF\n"
    "  70 the program faulted (bus fault, unaligned access, divide by zero, ...) and its fault handler\n"
    "     did not recover: it branched to itself (the usual default handler), or --stop-on-fault was given\n"
    "  71 undefined or UNPREDICTABLE instruction\n"
    "  72 instruction budget (--max-instructions) exhausted\n"
    "  73 WFI/WFE with no interrupt source that could ever wake the core\n"
    "  74 lockup: a fault inside the HardFault handler\n"
    "On a simulator stop, stderr gets one line saying what happened, the PC and the instruction there,\n"
    "followed by the last N instructions executed when --trace N is given.\n";

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

void write_summary(const std::string& path, const Machine& m) {
  const Core& c = m.core();
  nlohmann::json j = {
      {"board", m.board().name},
      {"core", core_name(m.board().core)},
      {"clock_hz", m.board().clock_hz},
      {"instructions", c.instructions},
      {"cycles", m.cycles()},
      {"seconds", double(m.cycles()) / double(m.board().clock_hz)},
      {"exit_code", exit_status(c)},
      {"stop_reason", stop_reason_name(c.stop_reason)},
  };
  if (c.stop_reason != StopReason::kExit) j["message"] = m.describe_stop();
  std::ofstream out(path);
  if (!out) throw std::runtime_error("cannot write summary file " + path);
  out << j.dump(2) << "\n";
}

// --clock-mhz: a clock the board's flash wait-state table covers (Board::wait_states_at says which).
void set_clock(Board& board, double mhz) {
  if (!(mhz > 0 && mhz < 4295)) throw po::error("--clock-mhz must be a positive number of MHz");
  board.clock_hz = uint32_t(mhz * 1e6 + 0.5);
  if (!board.flash_wait_states.empty()) board.wait_states_at(board.clock_hz);  // throws above the table
}

int cmd_run(const std::vector<std::string>& args) {
  po::options_description opts(
      "usage: mcuprof run PROGRAM.elf --board NAME [options]\n\n"
      "Runs a bare-metal ELF on a simulated board: the program's semihosting output goes to stdout and mcuprof\n"
      "exits with the program's exit code.\n\noptions");
  std::string program, board_name, summary;
  uint64_t max_instructions = 10'000'000'000ull;
  unsigned trace = 0;
  double clock_mhz = 0;
  opts.add_options()
      ("help,h", "this text")
      ("board,b", po::value(&board_name), "board name (see `mcuprof boards`) or path to a board .json file")
      ("max-instructions", po::value(&max_instructions)->default_value(max_instructions),
       "stop after this many instructions")
      ("summary", po::value(&summary), "write a JSON summary (board, core, instructions, cycles, exit_code, stop_reason)")
      ("trace", po::value(&trace)->default_value(0), "on a simulator stop, print the last N instructions executed")
      ("stop-on-fault", "stop at the first fault instead of taking it through the firmware's vector table")
      ("clock-mhz", po::value(&clock_mhz), "run the board at this clock (flash wait states follow the board's table)")
      ("functional", "no timing model: one cycle per instruction (fastest)")
      ("stats", "print instructions, cycles and time at the board clock on stderr")
      ("profile", "print a per-function profile on stderr: calls, instructions, self and inclusive cycles by cause")
      ("args", po::value<std::string>()->default_value(""), "command line the program sees (semihosting SYS_GET_CMDLINE)");
  po::options_description hidden;
  hidden.add_options()("program", po::value(&program));
  po::options_description all;
  all.add(opts).add(hidden);
  po::positional_options_description pos;
  pos.add("program", 1);
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
  po::notify(vm);
  if (vm.count("help")) {
    std::cout << opts << "\n" << kRunExitStatus;
    return 0;
  }
  if (program.empty()) throw po::error("missing PROGRAM.elf");
  if (board_name.empty()) throw po::error("missing --board NAME (see `mcuprof boards`)");

  Board board = load_board(board_name);
  if (vm.count("clock-mhz")) set_clock(board, clock_mhz);
  std::string cmdline = program;
  if (!vm["args"].as<std::string>().empty()) cmdline += " " + vm["args"].as<std::string>();
  Machine m(board, std::cout, std::cin, cmdline);
  m.load(program);
  RunOptions ro;
  ro.max_instructions = max_instructions;
  ro.trace = trace;
  ro.deliver_faults = vm.count("stop-on-fault") == 0;
  ro.functional = vm.count("functional") > 0;
  ro.profile = vm.count("profile") > 0;
  m.run(ro);
  std::cout.flush();
  const Core& c = m.core();
  if (c.stop_reason == StopReason::kExit && c.in_fault_handler)
    std::cerr << "mcuprof: the program exited from its fault handler, called for: "
              << m.describe_fault(c.handled_fault, c.handled_fault_pc) << "\n";
  if (c.stop_reason != StopReason::kExit) {
    std::cerr << "mcuprof: " << m.describe_stop() << "\n";
    const std::vector<std::string> lines = m.trace_lines();
    if (!lines.empty()) std::cerr << "last " << lines.size() << " instructions executed:\n";
    for (const std::string& l : lines) std::cerr << "  " << l << "\n";
  }
  if (vm.count("stats"))
    std::fprintf(stderr, "mcuprof: %llu instructions, %llu cycles, %.6f s at %.0f MHz on %s%s\n",
                 (unsigned long long)c.instructions, (unsigned long long)m.cycles(),
                 double(m.cycles()) / board.clock_hz, board.clock_hz / 1e6, board.name.c_str(),
                 ro.functional ? " (functional: 1 cycle per instruction)" : "");
  if (m.profiler()) m.profiler()->print(std::cerr, board.clock_hz);
  if (!summary.empty()) write_summary(summary, m);
  return exit_status(c);
}

uint32_t region_bytes(const Board& b, RegionKind kind) {
  uint32_t total = 0;
  for (const BoardRegion& r : b.regions)
    if (r.kind == kind) total += r.size;
  return total;
}

int cmd_boards(const std::vector<std::string>& args) {
  if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
    std::cout << "usage: mcuprof boards\n\nLists the board profiles: the .json files in " << boards_dir()
              << " (set MCUPROF_BOARDS_DIR to use another folder; any command also takes --board path/to/board.json).\n";
    return 0;
  }
  if (!args.empty()) throw po::error("unexpected argument '" + args[0] + "'");
  std::printf("%-12s %-10s %-8s %9s %9s %9s  %s\n", "board", "core", "fpu", "clock", "flash", "ram", "description");
  for (const Board& b : list_boards()) {
    std::printf("%-12s %-10s %-8s %5.0f MHz %6u KB %6u KB  %s\n", b.name.c_str(), core_name(b.core), b.fpu.c_str(),
                b.clock_hz / 1e6, region_bytes(b, RegionKind::kFlash) / 1024, region_bytes(b, RegionKind::kRam) / 1024,
                b.description.c_str());
  }
  return 0;
}

int cmd_models(const std::vector<std::string>& args) {
  if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
    std::cout << "usage: mcuprof models\n\nLists the built-in model zoo (shared/reference/models.md's architectures with\n"
                 "deterministic random int8 weights): MACs, ops (2 per MAC) and weight bytes.\n";
    return 0;
  }
  if (!args.empty()) throw po::error("unexpected argument '" + args[0] + "'");
  std::printf("%-16s %12s %12s %10s  %s\n", "model", "MACs", "ops", "params", "description");
  for (const std::string& name : zoo_names()) {
    const Model m = zoo_model(name);
    std::printf("%-16s %12llu %12llu %7.1f KB  %s\n", name.c_str(), (unsigned long long)total_macs(m),
                (unsigned long long)(2 * total_macs(m)), parameter_bytes(m) / 1024.0, zoo_description(name).c_str());
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << kUsage;
    return args.empty() ? kExitUsage : 0;
  }
  if (args[0] == "--version") {
    std::cout << "mcuprof " << MCUPROF_VERSION << "\n";
    return 0;
  }
  const std::string cmd = args[0];
  args.erase(args.begin());
  try {
    if (cmd == "run") return cmd_run(args);
    if (cmd == "boards") return cmd_boards(args);
    if (cmd == "models") return cmd_models(args);
    std::cerr << "mcuprof: unknown command '" << cmd << "'\n" << kUsage;
    return kExitUsage;
  } catch (const po::error& e) {
    std::cerr << "mcuprof " << cmd << ": " << e.what() << " (see mcuprof " << cmd << " --help)\n";
    return kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "mcuprof: " << e.what() << "\n";
    return kExitUsage;
  }
}
