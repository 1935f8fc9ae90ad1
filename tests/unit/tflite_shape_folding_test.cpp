// Folding SHAPE / STRIDED_SLICE / PACK constants (workloads/tflite/shape_folding.h), with TensorFlow's slice rules.
#include <gtest/gtest.h>

#include <stdexcept>

#include "workloads/tflite/shape_folding.h"

namespace mcuprof {
namespace {

IntTensor vec(std::vector<int64_t> v) { return IntTensor{{int32_t(v.size())}, std::move(v)}; }

TEST(TfliteShapeFolding, ShapeIsTheDimsAsARank1Tensor) {
  EXPECT_EQ(fold_shape({1, 49, 10, 1}), vec({1, 49, 10, 1}));
}

TEST(TfliteShapeFolding, StridedSliceBoundsMasksAndNegativeIndices) {
  const IntTensor shape = vec({1, 25, 5, 64});
  EXPECT_EQ(fold_strided_slice(shape, vec({1}), vec({3}), vec({1}), {}), vec({25, 5}));
  EXPECT_EQ(fold_strided_slice(shape, vec({-3}), vec({-1}), vec({1}), {}), vec({25, 5}));  // from the end
  EXPECT_EQ(fold_strided_slice(shape, vec({2}), vec({0}), vec({1}), {.end_mask = 1}), vec({5, 64}));
  EXPECT_EQ(fold_strided_slice(shape, vec({9}), vec({0}), vec({1}), {.begin_mask = 1}), vec({}));
  EXPECT_EQ(fold_strided_slice(shape, vec({0}), vec({10}), vec({2}), {}), vec({1, 5}));  // end clamped to 4
  EXPECT_EQ(fold_strided_slice(shape, vec({3}), vec({0}), vec({-1}), {.end_mask = 1}), vec({64, 5, 25, 1}));
  EXPECT_EQ(fold_strided_slice(shape, vec({1}), vec({2}), vec({1}), {.offset = true}), vec({25, 5}));
  // shrink_axis_mask: the element at begin, as a scalar.
  EXPECT_EQ(fold_strided_slice(shape, vec({0}), vec({1}), vec({1}), {.shrink_axis_mask = 1}), (IntTensor{{}, {1}}));
  EXPECT_EQ(fold_strided_slice(shape, vec({-1}), vec({0}), vec({1}), {.shrink_axis_mask = 1}), (IntTensor{{}, {64}}));
}

TEST(TfliteShapeFolding, StridedSliceRefusesWhatItDoesNotFold) {
  const IntTensor shape = vec({1, 2});
  EXPECT_THROW(fold_strided_slice(shape, vec({0}), vec({1}), vec({0}), {}), std::invalid_argument);
  EXPECT_THROW(fold_strided_slice(shape, vec({0}), vec({1}), vec({1}), {.ellipsis_mask = 1}), std::invalid_argument);
  EXPECT_THROW(fold_strided_slice(shape, vec({5}), vec({1}), vec({1}), {.shrink_axis_mask = 1}), std::invalid_argument);
  EXPECT_THROW(fold_strided_slice(IntTensor{{1, 2}, {1, 2}}, vec({0}), vec({1}), vec({1}), {}), std::invalid_argument);
}

TEST(TfliteShapeFolding, PackAlongAxisZero) {
  EXPECT_EQ(fold_pack({IntTensor{{}, {1}}, IntTensor{{}, {-1}}}, 0), vec({1, -1}));
  EXPECT_EQ(fold_pack({IntTensor{{}, {1}}, IntTensor{{}, {-1}}}, -1), vec({1, -1}));  // rank 0: -1 is axis 0
  EXPECT_EQ(fold_pack({vec({1, 2}), vec({3, 4})}, 0), (IntTensor{{2, 2}, {1, 2, 3, 4}}));
  EXPECT_THROW(fold_pack({vec({1, 2}), vec({3, 4})}, 1), std::invalid_argument);
  EXPECT_THROW(fold_pack({vec({1, 2}), vec({3})}, 0), std::invalid_argument);
  EXPECT_THROW(fold_pack({}, 0), std::invalid_argument);
}

}  // namespace
}  // namespace mcuprof
