// The kernel image's calling convention (sim/kernel_image.h, kernels/target/mk_abi.h) on the reference boards:
// startup to the first pause, constants in flash, the arena in SRAM, one invocation per layer.
#include <gtest/gtest.h>

#include <numeric>

#include "sim/kernel_image.h"

namespace mcuprof {
namespace {

class KernelImageTest : public ::testing::TestWithParam<const char*> {};

TEST_P(KernelImageTest, CopyKernelMovesBytesAndCountsCycles) {
  KernelImage image(load_board(GetParam()));
  std::vector<uint8_t> in(301);
  std::iota(in.begin(), in.end(), uint8_t(7));
  const uint32_t src = image.arena_base(), dst = image.arena_base() + 512;
  image.write_ram<uint8_t>(src, in);
  const mk_copy params{int32_t(in.size()), src, dst};
  const uint32_t layer = image.put_layer(MK_COPY, image.put_flash_object(params));
  const KernelImage::Invocation first = image.invoke(layer);
  EXPECT_EQ(image.read_ram(dst, in.size()), in);
  EXPECT_GT(first.instructions, 20u);
  EXPECT_GE(first.cycles.total(), first.instructions / 2);  // dual issue at most halves the count
  // Invoked again, the same instructions run; cycles stay positive and the image stays usable.
  const KernelImage::Invocation second = image.invoke(layer);
  EXPECT_EQ(second.instructions, first.instructions);
  EXPECT_GT(second.cycles.total(), 0u);
}

TEST_P(KernelImageTest, ArenaStartsAfterTheImageAndConstantsAfterTheCode) {
  KernelImage image(load_board(GetParam()));
  EXPECT_EQ(image.arena_base(), 0x20002000u);  // kernels/target/kernel_image.ld: 8 KB for the image's own RAM
  EXPECT_GT(image.arena_end() - image.arena_base(), 100u * 1024);
  const uint32_t a = image.put_flash(std::span<const uint8_t>());
  const uint8_t three[3] = {1, 2, 3};
  const uint32_t b = image.put_flash(std::span<const uint8_t>(three));
  EXPECT_GE(a, 0x08000000u);
  EXPECT_EQ(a % 16, 0u);
  EXPECT_EQ(b % 16, 0u);
  EXPECT_EQ(image.flash_used(), b + 16 - a);
}

TEST_P(KernelImageTest, UnknownKernelIsAClearError) {
  KernelImage image(load_board(GetParam()));
  const uint32_t layer = image.put_layer(MK_KERNEL_COUNT, 0);
  EXPECT_THROW(
      {
        try {
          image.invoke(layer);
        } catch (const KernelError& e) {
          EXPECT_NE(std::string(e.what()).find("not in the image"), std::string::npos) << e.what();
          throw;
        }
      },
      KernelError);
}

TEST_P(KernelImageTest, FaultingKernelNamesTheAddress) {
  KernelImage image(load_board(GetParam()));
  const mk_copy params{16, 0x60000000u, image.arena_base()};  // no memory at 0x6000_0000 on these boards
  const uint32_t layer = image.put_layer(MK_COPY, image.put_flash_object(params));
  try {
    image.invoke(layer);
    FAIL() << "no fault";
  } catch (const KernelError& e) {
    EXPECT_NE(std::string(e.what()).find("0x60000000"), std::string::npos) << e.what();
  }
}

TEST_P(KernelImageTest, FlashFullIsAClearError) {
  KernelImage image(load_board(GetParam()));
  std::vector<uint8_t> big(image.flash_free() + 1);
  EXPECT_THROW(image.put_flash(std::span<const uint8_t>(big)), std::runtime_error);
}

TEST(KernelImage, BoardFileMovesTheArena) {
  // "model_runner": {"arena_base"} puts the activations elsewhere, e.g. past the STM32F746's 64 KB DTCM in SRAM1.
  Board board = load_board("stm32f746zg");
  board.json["model_runner"] = {{"arena_base", "0x20010000"}};
  KernelImage image(board);
  EXPECT_EQ(image.arena_base(), 0x20010000u);
  EXPECT_EQ(image.arena_end(), 0x20050000u);  // SRAM1 and SRAM2 are contiguous up to 0x2005_0000
  board.json["model_runner"] = {{"arena_base", "somewhere"}};
  EXPECT_THROW(KernelImage{board}, std::runtime_error);
}

INSTANTIATE_TEST_SUITE_P(ReferenceBoards, KernelImageTest,
                         ::testing::Values("stm32f446re", "stm32f746zg", "stm32f767zi"));

}  // namespace
}  // namespace mcuprof
