// `mcuprof run PROGRAM.elf --board NAME`: a bare-metal ELF on a simulated board.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "sim/cli/cli.h"
#include "sim/machine.h"

namespace mcuprof::cli {

namespace {

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

}  // namespace

int run_command(const Args& args) {
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
  const std::optional<po::variables_map> parsed = parse_command(args, opts, &program, kRunExitStatus);
  if (!parsed) return 0;
  const po::variables_map& vm = *parsed;
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

}  // namespace mcuprof::cli
