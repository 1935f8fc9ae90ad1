// Instruction family: branch_system (decoder table and semantics). Being written.
#include "cores/core.h"
#include "cores/decoder/decoder.h"

namespace mcuprof {

std::span<const Encoding> branch_system_encodings() { return {}; }

}  // namespace mcuprof
