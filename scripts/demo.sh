#!/usr/bin/env bash
# Usage: scripts/demo.sh BUILD_DIR
# The main job on the embedded default: profiles the zoo model micronet-kws-m (MicroNets' medium keyword-spotting
# model, int8) on the three reference boards with `mcuprof profile`, storing the results in ./mcuprof.db, and prints
# the per-layer tables, then the stored runs from the database.
set -euo pipefail

build=${1:?usage: scripts/demo.sh BUILD_DIR}
"$build/mcuprof" profile micronet-kws-m --board stm32f446re --board stm32f746zg --board stm32f767zi
echo
echo "== stored in ./mcuprof.db (mcuprof query):"
"$build/mcuprof" query "SELECT model, board, cycles, round(latency_s * 1000, 2) AS latency_ms,
                               round(energy_j * 1000, 3) AS energy_mj, peak_sram_bytes, flash_bytes, fits
                        FROM runs WHERE model = 'micronet-kws-m' ORDER BY id DESC LIMIT 3"
