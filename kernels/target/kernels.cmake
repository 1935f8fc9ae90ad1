# The kernel image (kernels/target/*.c), cross-compiled with arm-none-eabi-gcc once per core into
# ${CMAKE_BINARY_DIR}/kernels/<core>.elf, the image the model runner loads (sim/kernel_image.h). Integer code only,
# soft-float ABI, so one image serves every FPU variant of a core. -O2 as CMSIS-NN builds are usually configured.
find_program(ARM_GCC arm-none-eabi-gcc REQUIRED)
set(MK_SRC ${CMAKE_SOURCE_DIR}/kernels/target)
set(MK_DIR ${CMAKE_BINARY_DIR}/kernels)
file(GLOB MK_SOURCES CONFIGURE_DEPENDS ${MK_SRC}/*.c)
file(GLOB MK_HEADERS CONFIGURE_DEPENDS ${MK_SRC}/*.h)
set(MK_FLAGS -mthumb -mfloat-abi=soft -O2 -g -std=gnu11 -Wall -Wextra -Werror -ffunction-sections -fdata-sections)
set(MK_LINK -nostartfiles -specs=nano.specs -T ${MK_SRC}/kernel_image.ld -Wl,--gc-sections -lc -lgcc)

set(MK_IMAGES)
foreach(core cortex-m4 cortex-m7)
  set(elf ${MK_DIR}/${core}.elf)
  add_custom_command(OUTPUT ${elf}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${MK_DIR}
    COMMAND ${ARM_GCC} -mcpu=${core} ${MK_FLAGS} -o ${elf} ${MK_SOURCES} ${MK_LINK}
    DEPENDS ${MK_SOURCES} ${MK_HEADERS} ${MK_SRC}/kernel_image.ld
    COMMENT "Kernel image ${core}.elf" VERBATIM)
  list(APPEND MK_IMAGES ${elf})
endforeach()
add_custom_target(kernel_images ALL DEPENDS ${MK_IMAGES})
