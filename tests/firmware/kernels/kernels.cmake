# int8 kernel inner loops (kernels/<name>.c, CMSIS-NN's shapes) for the three STM32 reference boards: each prints
# its DWT cycles per iteration and a checksum; the host build of the same source prints the checksum line, written
# as <variant>/<name>.expected. Included from tests/firmware/CMakeLists.txt (uses its FW_* variables).
file(GLOB FW_KERNEL_SOURCES CONFIGURE_DEPENDS ${FW_SRC}/kernels/*.c)
foreach(src ${FW_KERNEL_SOURCES})
  get_filename_component(prog ${src} NAME_WE)
  add_executable(fw_kernel_host_${prog} ${src})
  target_include_directories(fw_kernel_host_${prog} PRIVATE ${FW_SRC}/common)
  target_compile_options(fw_kernel_host_${prog} PRIVATE ${FW_PORTABLE_FLAGS})
  set_target_properties(fw_kernel_host_${prog} PROPERTIES OUTPUT_NAME ${prog} RUNTIME_OUTPUT_DIRECTORY ${FW_DIR}/host/kernels)
endforeach()

function(fw_kernels variant)
  set(outputs)
  foreach(src ${FW_KERNEL_SOURCES})
    get_filename_component(prog ${src} NAME_WE)
    set(elf ${FW_DIR}/${variant}/${prog}.elf)
    set(expected ${FW_DIR}/${variant}/${prog}.expected)
    add_custom_command(OUTPUT ${elf}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${FW_DIR}/${variant}
      COMMAND ${ARM_GCC} ${ARGN} ${FW_TARGET_FLAGS} ${FW_PORTABLE_FLAGS} -T ${FW_DIR}/ld/${variant}.ld -o ${elf}
              ${FW_SRC}/common/startup.c ${src} ${FW_LINK_FLAGS}
      DEPENDS ${src} ${FW_SRC}/kernels/kernels.h ${FW_COMMON} ${FW_DIR}/ld/${variant}.ld
      COMMENT "Firmware ${variant}/${prog}.elf" VERBATIM)
    add_custom_command(OUTPUT ${expected}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${FW_DIR}/${variant}
      COMMAND sh -c "\"$0\" > \"$1\"" $<TARGET_FILE:fw_kernel_host_${prog}> ${expected}
      DEPENDS fw_kernel_host_${prog}
      COMMENT "Expected output ${variant}/${prog}" VERBATIM)
    list(APPEND outputs ${elf} ${expected})
  endforeach()
  add_custom_target(fw_kernels_${variant} DEPENDS ${outputs})
  add_dependencies(firmware fw_kernels_${variant})
endfunction()

fw_kernels(stm32f446re -mcpu=cortex-m4 -mfloat-abi=hard -mfpu=fpv4-sp-d16)
fw_kernels(stm32f746zg -mcpu=cortex-m7 -mfloat-abi=hard -mfpu=fpv5-sp-d16)
fw_kernels(stm32f767zi -mcpu=cortex-m7 -mfloat-abi=hard -mfpu=fpv5-d16)
