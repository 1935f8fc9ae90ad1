// Instruction family: load_store (decoder table and semantics). Being written.
#include "cores/core.h"
#include "cores/decoder/decoder.h"

namespace mcuprof {

std::span<const Encoding> load_store_encodings() { return {}; }

}  // namespace mcuprof
