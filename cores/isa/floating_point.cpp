// Instruction family: floating_point (decoder table and semantics). Being written.
#include "cores/core.h"
#include "cores/decoder/decoder.h"

namespace mcuprof {

std::span<const Encoding> floating_point_encodings() { return {}; }

}  // namespace mcuprof
