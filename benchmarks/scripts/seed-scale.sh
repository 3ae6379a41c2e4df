#!/usr/bin/env bash
# The seed-scale run (issue 23): the whole pipeline (generate, read and assemble, encode, train,
# export, catalog, recommend() timing) at synthetic-v1 with the evaluation, then the web service under
# load on its catalog (benchmarks/results/web-load-seed-scale.json), then demo-v1 and half of
# synthetic-v1 for the cost growth: one entry per configuration in
# benchmarks/results/seed-scale.json, the evaluation in benchmarks/results/eval/synthetic-v1/.
#
# Run from the repository root on a committed tree, on a quiet machine: the full configuration
# takes about an hour for the pipeline and more for the evaluation on 2 cores. Interrupt it at any
# point and run it again: review vectors and training checkpoints are kept in the work folder
# (racrec-work/seed-scale/<config>), and a configuration already finished is skipped.
# SEED_SCALE_EVAL= (empty) runs the pipeline without the evaluation. SEED_SCALE_ENCODER=minilm-int8
# runs every configuration with the quantized encoder instead (entries and folders <config>-minilm-int8).
set -euo pipefail
cd "$(dirname "$0")/../.."
results=benchmarks/results
heap=${SEED_SCALE_HEAP:-8g}
export RACREC_JAVA_OPTS="-Xmx$heap ${RACREC_JAVA_OPTS:-}"
encoder=${SEED_SCALE_ENCODER:-minilm}
suffix=""
[ "$encoder" != minilm ] && suffix="-$encoder"
log() { echo "== $(date -u +%H:%M:%S) $*"; }

if [ ! -f examples/target/racrec-examples.jar ]; then
  log "building"
  mvn -q -DskipTests install
fi

run_config() {
  local config=$1
  shift
  local marker="racrec-work/seed-scale/$config$suffix.done"
  if [ -f "$marker" ]; then
    log "$config: already done ($marker)"
    return
  fi
  log "$config (heap $heap)"
  bin/racrec seed-scale --config "$config" --encoder "$encoder" --report "$results/seed-scale.json" "$@"
  touch "$marker"
}

run_config synthetic-v1 ${SEED_SCALE_EVAL---eval}

if [ ! -f "racrec-work/seed-scale/web-load$suffix.done" ]; then
  log "web service under load on the synthetic-v1 catalog"
  work=racrec-work/seed-scale/synthetic-v1$suffix
  bin/racrec load-test --model "$work/model" --catalog "$work/catalog.rcat" \
    --clients 8 --seconds 60 --out "$results/web-load-seed-scale$suffix.json"
  touch "racrec-work/seed-scale/web-load$suffix.done"
fi

run_config demo-v1
run_config synthetic-half
log "done"
