// Command-line arguments of mfg-solve (see usage() for the grammar).
#pragma once

#include <string>
#include <vector>

namespace mfg::cli {

enum class Command { Solve, Resume, Check, Version, Capabilities, Help };

struct Args {
  Command command = Command::Solve;
  std::string spec_path;  // "-" reads standard input
  std::string out_dir;
  int threads = 0;  // 0: the OpenMP default
  double memory_bytes = 0.0;  // --memory: what the run may use; 0: what the machine (or job) has available
  bool quiet = false;
  bool force = false;
};

// Parses argv; on failure returns false with a message for the user.
bool parse_args(const std::vector<std::string>& argv, Args& args, std::string& error);
std::string usage();

}  // namespace mfg::cli
