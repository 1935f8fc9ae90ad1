// Instruction family: data_processing (decoder table and semantics). Being written.
#include "cores/core.h"
#include "cores/decoder/decoder.h"

namespace mcuprof {

std::span<const Encoding> data_processing_encodings() { return {}; }

}  // namespace mcuprof
