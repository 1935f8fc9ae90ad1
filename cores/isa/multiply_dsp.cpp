// Instruction family: multiply_dsp (decoder table and semantics). Being written.
#include "cores/core.h"
#include "cores/decoder/decoder.h"

namespace mcuprof {

std::span<const Encoding> multiply_dsp_encodings() { return {}; }

}  // namespace mcuprof
