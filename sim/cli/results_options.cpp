#include "sim/cli/results_options.h"

#include "reports/result_store.h"

namespace mcuprof::cli {

void add_database_option(po::options_description& opts, std::string& path) {
  opts.add_options()("db", po::value(&path)->default_value(ResultStore::kDefaultPath),
                     "results database (SQLite; created when absent)");
}

void add_profile_flags(po::options_description& opts, ProfileOptions& options) {
  opts.add_options()
      ("int4", "int4 weights (packed, w4a8 kernels) for convolution, depthwise and fully connected layers")
      ("cold", "the first inference after reset instead of the second of two back-to-back inferences")
      ("functional", "no timing model: one cycle per instruction (fast; checks values, not latency)")
      ("input-seed", po::value(&options.input_seed)->default_value(1), "seed of the pseudo-random input tensor");
}

void read_profile_flags(const po::variables_map& vm, ProfileOptions& options) {
  options.int4 = vm.count("int4") > 0;
  options.warm = vm.count("cold") == 0;
  options.functional = vm.count("functional") > 0;
}

Backbone required_backbone(const std::string& name) {
  if (name.empty()) throw po::error("missing --backbone (kws, ad, vww or cifar)");
  return backbone_from_name(name);
}

}  // namespace mcuprof::cli
