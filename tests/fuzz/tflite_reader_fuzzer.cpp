// libFuzzer target for the .tflite reader: any byte string either imports into a valid model or is refused with
// std::runtime_error (the one-line error the CLI prints). Anything else (another exception, a crash, a sanitizer
// report, a hang) is a bug. Built with clang -fsanitize=fuzzer,address,undefined (tests/fuzz/CMakeLists.txt).
#include <cstdint>
#include <span>
#include <stdexcept>

#include "workloads/tflite/tflite_import.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    const mcuprof::TfliteImport imp = mcuprof::import_tflite_bytes(std::span<const uint8_t>(data, size), "fuzz.tflite");
    // What `mcuprof inspect` computes from every imported model.
    mcuprof::validate(imp.model);
    if (mcuprof::total_macs(imp.model) < 0 || mcuprof::parameter_bytes(imp.model) < 0) __builtin_trap();
  } catch (const std::runtime_error&) {
  }
  return 0;
}
