// Random samples of the MicroNets search spaces (../shared/reference/models.md, "The MicroNets search spaces") and of
// an image-classification backbone, as int8 models built with ModelBuilder.
//
// A sample picks a width for every convolution (a multiple of 4 between a quarter of the backbone's width, rounded
// up to 4, and the full width) and which blocks to keep; a dropped block becomes its skip branch (nothing, or an
// average pool of the same stride where the block downsamples). The backbones:
// - kws: 49x10x1 MFCC; conv 10x4 s1 (<= 276); DS-CNN-L's DS blocks enlarged with four more: DS s2 + 8 x DS s1, each
//   <= 276 wide, every one droppable; global average pool; 1x1 conv classifier over 12 keywords. (The first conv and
//   first-block stride follow MicroNet-KWS, which the search produced from this space.)
// - ad: 32x32x1 spectrogram; conv 3x3 s1 (<= 276); DS s2, s1, s1, s2, s2 (<= 276, the last two down to 4x4);
//   global average pool; 1x1 conv over 8 machine ids (MicroNet-AD's layout).
// - vww: 50x50x1 (the small-MCU resolution); MobileNetV2: conv 3x3 s2, 17 inverted bottlenecks in MobileNetV2's
//   (expansion, width, repeats, stride) groups, conv 1x1, global pool, 1x1 conv over 2 classes. The search picks
//   the stem and head widths and each block's expansion and projection widths as fractions of MobileNetV2 x 0.5's
//   (stem <= 16, expansion <= 3 x MobileNetV2's input width, head <= 640: at full width the 1x1 convolutions alone
//   overflow the small MCU's flash); a group's repeats after the first are droppable and residual (ADD, the narrower
//   side padded with channels, as MicroNet-VWW-2 does).
// - cifar: 32x32x3 image; conv 3x3 s1 (<= 64); MobileNetV1-style DS blocks s1 64, s2 128, s1 128, s2 256, s1 256,
//   s2 256, s1 256, every one droppable; global average pool; 1x1 conv over 10 classes.
//
// Every sample fits the small MCU (STM32F446RE: 128 KB SRAM, 512 KB flash, by the memory planner's estimate), so it
// runs on every reference board: a draw that does not fit is redrawn (MicroNets searched each space under the target
// MCU's memory limits). Large kws/ad draws (a first conv over ~200 wide) are redrawn this way.
//
// Determinism: each sample draws from its own boost::random::mt19937 seeded by a boost::random::seed_seq over (seed,
// index, backbone, attempt) with Boost.Random's distributions, whose algorithms are Boost's own (the standard library's
// distributions differ between implementations): the same seed and index give the same model on every platform,
// in any order and on any thread.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "workloads/model.h"

namespace mcuprof {

enum class Backbone { kKws, kAd, kVww, kCifar };

std::string_view backbone_name(Backbone b);  // "kws", "ad", "vww", "cifar"
// Throws std::runtime_error "unknown backbone 'x' (known: kws, ad, vww, cifar)".
Backbone backbone_from_name(std::string_view name);
std::vector<Backbone> all_backbones();

// Sample `index` of the sweep seeded with `seed`, named "<backbone>-s<seed>-<index>".
Model sample_supernet(Backbone backbone, uint32_t seed, int index);

}  // namespace mcuprof
