#!/usr/bin/env bash
# Usage: scripts/demo.sh BUILD_DIR
# Runs the bundled example firmware (an int8 dot product in CMSIS-NN's shape that prints a checksum, built by
# tests/firmware for each board) on every reference board with `mcuprof run`, showing the program's output and a
# one-line summary per board taken from the run's JSON summary.
set -euo pipefail

build=${1:?usage: scripts/demo.sh BUILD_DIR}
cli="$build/mcuprof"
boards=(stm32f446re stm32f746zg stm32f767zi)
summary=$(mktemp)
trap 'rm -f "$summary"' EXIT

# The value of a top-level "key" in a flat JSON object (string or number).
json_field() {
  tr -d '\n' < "$2" | sed -n "s/.*\"$1\"[[:space:]]*:[[:space:]]*\"\{0,1\}\([^\",}]*\)\"\{0,1\}.*/\1/p"
}

status=0
for board in "${boards[@]}"; do
  elf="$build/firmware/$board/dotprod.elf"
  echo "== $board: $elf"
  if "$cli" run "$elf" --board "$board" --summary "$summary"; then rc=0; else rc=$?; fi
  if [ -s "$summary" ]; then
    printf '%s: %s, %s instructions, %s cycles, exit code %s (%s)\n' "$(json_field board "$summary")" \
      "$(json_field core "$summary")" "$(json_field instructions "$summary")" "$(json_field cycles "$summary")" \
      "$(json_field exit_code "$summary")" "$(json_field stop_reason "$summary")"
  else
    echo "$board: no summary written (mcuprof exit status $rc)"
  fi
  [ "$rc" -eq 0 ] || status=1
  : > "$summary"
done
exit $status
