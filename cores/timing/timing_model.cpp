#include "cores/timing/timing_model.h"

namespace mcuprof {

std::string_view cause_name(Cause c) {
  switch (c) {
    case Cause::kIssue: return "issue";
    case Cause::kMultiCycle: return "multi-cycle";
    case Cause::kFlashWait: return "flash-wait";
    case Cause::kCacheMiss: return "cache-miss";
    case Cause::kLoadUse: return "load-use";
    case Cause::kInterlock: return "interlock";
    case Cause::kBranch: return "branch";
    case Cause::kMemory: return "memory";
    case Cause::kException: return "exception";
    case Cause::kSleep: return "sleep";
    case Cause::kCount: break;
  }
  return "?";
}

}  // namespace mcuprof
