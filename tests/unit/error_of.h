// The message of the std::runtime_error `f` throws, or "(no error)": tests compare one-line error messages with it.
#pragma once
#include <functional>
#include <stdexcept>
#include <string>

namespace mcuprof::test {

inline std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace mcuprof::test
