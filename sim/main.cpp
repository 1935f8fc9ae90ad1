// mcuprof command line: the table of commands (each in sim/cli/<name>_command.cpp).
#include <iostream>
#include <string>
#include <vector>

#include "sim/cli/cli.h"

using namespace mcuprof::cli;

namespace {

struct Command {
  const char* name;
  const char* synopsis;  // as shown in `mcuprof --help`
  int (*function)(const Args&);
};

const Command kCommands[] = {
    {"run", "run PROGRAM.elf --board NAME   run a bare-metal program on a simulated board", run_command},
    {"profile", "profile MODEL --board NAME      profile a model's inference per layer on one or more boards",
     profile_command},
    {"inspect", "inspect MODEL.tflite [--json F]  show a .tflite model's layers, MACs and memory plan", inspect_command},
    {"boards", "boards                         list the board profiles", boards_command},
    {"models", "models                         list the built-in model zoo with MACs", models_command},
    {"sweep", "sweep --backbone B --samples N   profile random supernet samples on boards into the results db", sweep_command},
    {"fit", "fit --backbone B --board NAME   fit latency against ops over a board's stored samples", fit_command},
    {"query", "query \"SQL\"                    run a read-only SQL query on the results database", query_command},
    {"export", "export --format csv|json       write the results database as CSV or JSON", export_command},
};

void usage(std::ostream& out) {
  out << "mcuprof: instruction-level simulator and profiler for Arm Cortex-M4/M7 boards\n\n"
         "usage: mcuprof <command> [options]\n\ncommands:\n";
  for (const Command& c : kCommands) out << "  " << c.synopsis << "\n";
  out << "\n`mcuprof <command> --help` describes a command's options.\n";
}

}  // namespace

int main(int argc, char** argv) {
  Args args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    usage(std::cout);
    return args.empty() ? kExitUsage : 0;
  }
  if (args[0] == "--version") {
    std::cout << "mcuprof " << MCUPROF_VERSION << "\n";
    return 0;
  }
  const std::string cmd = args[0];
  args.erase(args.begin());
  for (const Command& c : kCommands) {
    if (cmd != c.name) continue;
    try {
      return c.function(args);
    } catch (const po::error& e) {
      std::cerr << "mcuprof " << cmd << ": " << e.what() << " (see mcuprof " << cmd << " --help)\n";
      return kExitUsage;
    } catch (const std::exception& e) {
      std::cerr << "mcuprof: " << e.what() << "\n";
      return kExitUsage;
    }
  }
  std::cerr << "mcuprof: unknown command '" << cmd << "'\n";
  usage(std::cerr);
  return kExitUsage;
}
