// Shared by the tests that run the test firmware (tests/firmware) through the mcuprof CLI and QEMU: a child
// process with captured stdout and stderr, its exit status and a time limit; file and ELF-symbol helpers.
#pragma once
#include <elf.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace mcuprof::test {

inline const std::string kFirmwareDir = MCUPROF_FIRMWARE_DIR;
inline const std::string kCli = MCUPROF_CLI;

struct ProcessResult {
  std::string out, err;
  int status = -1;         // exit status when the process exited
  int signal = 0;          // the signal that ended it, if one did
  bool timed_out = false;  // killed at the time limit
};

// Runs argv[0] (searched in PATH) with the given arguments; kills it after timeout_s seconds.
inline ProcessResult run_process(const std::vector<std::string>& argv, int timeout_s) {
  ProcessResult r;
  int out_pipe[2], err_pipe[2];
  if (pipe(out_pipe) != 0 || pipe(err_pipe) != 0) return r;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out_pipe[1], 1);
    dup2(err_pipe[1], 2);
    close(out_pipe[0]), close(err_pipe[0]), close(out_pipe[1]), close(err_pipe[1]);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  close(out_pipe[1]), close(err_pipe[1]);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  std::string* sinks[2] = {&r.out, &r.err};
  int open_fds = 2;
  while (open_fds > 0) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      kill(pid, SIGKILL);
      r.timed_out = true;
      break;
    }
    if (poll(fds, 2, static_cast<int>(left.count())) < 0) break;
    for (int i = 0; i < 2; i++) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      char buf[4096];
      ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        sinks[i]->append(buf, static_cast<size_t>(n));
      } else {
        close(fds[i].fd);
        fds[i].fd = -1;
        open_fds--;
      }
    }
  }
  for (auto& f : fds)
    if (f.fd >= 0) close(f.fd);
  int wstatus = 0;
  waitpid(pid, &wstatus, 0);
  if (WIFEXITED(wstatus)) r.status = WEXITSTATUS(wstatus);
  if (WIFSIGNALED(wstatus)) r.signal = WTERMSIG(wstatus);
  return r;
}

inline std::string read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

inline void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

inline std::string elf_path(const std::string& variant, const std::string& program) {
  return kFirmwareDir + "/" + variant + "/" + program + ".elf";
}

// The value of a symbol in a little-endian ELF32 file's .symtab.
inline std::optional<uint32_t> elf_symbol(const std::string& path, const std::string& name) {
  const std::string elf = read_file(path);
  auto at = [&](size_t off, auto& v) { return off + sizeof v <= elf.size() && (std::memcpy(&v, &elf[off], sizeof v), true); };
  Elf32_Ehdr eh;
  if (!at(0, eh)) return std::nullopt;
  for (unsigned i = 0; i < eh.e_shnum; i++) {
    Elf32_Shdr sym_sh, str_sh;
    if (!at(eh.e_shoff + i * eh.e_shentsize, sym_sh) || sym_sh.sh_type != SHT_SYMTAB) continue;
    if (!at(eh.e_shoff + sym_sh.sh_link * eh.e_shentsize, str_sh)) return std::nullopt;
    for (size_t off = sym_sh.sh_offset; off + sizeof(Elf32_Sym) <= sym_sh.sh_offset + sym_sh.sh_size; off += sizeof(Elf32_Sym)) {
      Elf32_Sym sym;
      at(off, sym);
      if (str_sh.sh_offset + sym.st_name < elf.size() && name == &elf[str_sh.sh_offset + sym.st_name]) return sym.st_value;
    }
  }
  return std::nullopt;
}

// Test-name-safe form of a variant or program name (gtest allows only letters, digits and '_').
inline std::string test_name(std::string s) {
  for (auto& c : s)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return s;
}

}  // namespace mcuprof::test
