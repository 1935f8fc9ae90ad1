// Command-line options shared by the commands that read or write the results database (reports/result_store.h):
// --db, and the profile options that are part of a stored run's identity (the same flags as `mcuprof profile`).
#pragma once
#include <string>

#include "sim/cli/cli.h"
#include "sim/model_runner.h"
#include "workloads/supernet.h"

namespace mcuprof::cli {

// --db FILE (default mcuprof.db in the working directory) into `path`.
void add_database_option(po::options_description& opts, std::string& path);
// --int4, --cold, --functional, --seed (input tensor seed) into `options`; read_profile_flags sets the flags after parsing.
void add_profile_flags(po::options_description& opts, ProfileOptions& options);
void read_profile_flags(const po::variables_map& vm, ProfileOptions& options);
// The --backbone value of sweep and fit: missing or misspelt is a usage error.
Backbone required_backbone(const std::string& name);

}  // namespace mcuprof::cli
