// The command-line front end: one file per command (sim/cli/<name>_command.cpp), each a function from its arguments
// (after the command word) to an exit status; sim/main.cpp holds the table of commands. Bad usage throws
// boost::program_options::error (exit 2 with "see mcuprof <command> --help"); any other std::exception is one line on
// stderr and exit 2.
#pragma once
#include <boost/program_options.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cores/core.h"
#include "sim/board.h"

namespace mcuprof::cli {

namespace po = boost::program_options;
using Args = std::vector<std::string>;

// Exit statuses when the simulator, not the program, ends a run (documented in `mcuprof run --help` and the README).
enum ExitStatus : int {
  kExitUsage = 2,        // bad command line, unknown board, unreadable or broken ELF / model / database
  kExitFault = 70,       // a fault the program did not handle (bus fault, unaligned, divide by zero, ...)
  kExitUndefined = 71,   // undefined or UNPREDICTABLE instruction
  kExitBudget = 72,      // --max-instructions reached
  kExitSleep = 73,       // WFI/WFE with nothing that could wake the core
  kExitLockup = 74,      // a fault inside the HardFault handler
};

// The exit status for the way a run stopped: the program's own code on a semihosting exit, else the table above.
int exit_status(const Core& c);
const char* core_name(CoreModel m);  // "cortex-m4", "cortex-m7"
// --clock-mhz: a clock the board's flash wait-state table covers (Board::wait_states_at says which).
void set_clock(Board& board, double mhz);
// Parses a command's arguments against `opts` and, when `positional` is given, one positional argument stored there.
// On --help prints the options and `help_epilogue` to stdout and returns nullopt (the command then exits 0).
std::optional<po::variables_map> parse_command(const Args& args, const po::options_description& opts,
                                               std::string* positional = nullptr, const char* help_epilogue = "");

// The commands.
int run_command(const Args& args);
int boards_command(const Args& args);
int models_command(const Args& args);
int profile_command(const Args& args);
int inspect_command(const Args& args);
int sweep_command(const Args& args);
int fit_command(const Args& args);
int query_command(const Args& args);
int export_command(const Args& args);

}  // namespace mcuprof::cli
