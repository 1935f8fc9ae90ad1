// Writes the fuzzer's seed corpus: the small valid .tflite files of tests/unit/tflite_test_models.h, which cover every
// operator the importer maps, so mutations start from the format's real structure.
#include <fstream>
#include <iostream>
#include <string>

#include "tests/unit/tflite_test_models.h"

namespace {

void write(const std::string& dir, const std::string& name, const std::vector<uint8_t>& bytes) {
  std::ofstream f(dir + "/" + name, std::ios::binary);
  f.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  if (!f) throw std::runtime_error("cannot write " + dir + "/" + name);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: make_seeds DIR\n";
    return 2;
  }
  try {
    write(argv[1], "every_operator.tflite", mcuprof::test::every_operator_model());
    write(argv[1], "pools_and_requantisation.tflite", mcuprof::test::pools_and_requantisation_model());
  } catch (const std::exception& e) {
    std::cerr << "make_seeds: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
