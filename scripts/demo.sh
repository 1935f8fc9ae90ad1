#!/usr/bin/env bash
# Usage: scripts/demo.sh BUILD_DIR
# Runs the bundled example firmware (an int8 dot product in CMSIS-NN's shape that prints a checksum, built by
# tests/firmware for each board) on every reference board with `mcuprof run`: the program's output, then
# mcuprof's count of instructions, cycles and time at the board's clock.
set -euo pipefail

build=${1:?usage: scripts/demo.sh BUILD_DIR}
status=0
for board in stm32f446re stm32f746zg stm32f767zi; do
  echo "== $board"
  "$build/mcuprof" run "$build/firmware/$board/dotprod.elf" --board "$board" --stats 2>&1 || status=1
done
exit $status
