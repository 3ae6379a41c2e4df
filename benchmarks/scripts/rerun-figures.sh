#!/usr/bin/env bash
# Reruns, one after another on a quiet machine, the figures the docs quote from
# benchmarks/results/: the service under load with five hot swaps (web-load.json), encoder speed
# and recommend() latency (encoder.json), the encoders side by side (encoder-comparison.json),
# the 1,000,000-item catalog larger than the heap (large-catalog.txt), and the scan against FAISS
# with every arrangement of its thread pools (scan-vs-faiss.json). Run from the repository root
# on a committed tree; a step an interrupted run finished is skipped on the next run. Needs
# python3-faiss and libopenblas0-pthread for the last step.
set -euo pipefail
cd "$(dirname "$0")/../.."
results=benchmarks/results
log() { echo "== $(date -u +%H:%M:%S) $*"; }

if [ ! -f examples/target/racrec-examples.jar ] || [ ! -f benchmarks/target/racrec-benchmarks.jar ]; then
  log "building"
  mvn -q -DskipTests install
fi
if [ ! -f racrec-work/catalog.rcat ]; then
  log "quickstart (the model and catalog the benchmarks serve)"
  bin/racrec quickstart > /dev/null
fi

if [ ! -f "$results/web-load.json.done" ]; then
  log "load test with 5 hot swaps between the float32 and an int8 catalog"
  bin/racrec catalog --model racrec-work/model --target racrec-work/demo/Digital_Music.jsonl \
    --target-meta racrec-work/demo/meta_Digital_Music.jsonl --element-type int8 \
    --out racrec-work/catalog-int8.rcat > /dev/null
  bin/racrec load-test --clients 8 --seconds 30 --swaps 5 --swap-catalog racrec-work/catalog-int8.rcat \
    --out "$results/web-load.json"
  touch "$results/web-load.json.done"
fi

if [ ! -f "$results/encoder.json.done" ]; then
  log "encoder speed and recommend() latency (about 15 minutes)"
  java --add-modules jdk.incubator.vector -cp benchmarks/target/racrec-benchmarks.jar \
    io.github.racrec.benchmarks.encode.EncoderBenchmarks --out "$results/encoder.json"
  touch "$results/encoder.json.done"
fi

if [ ! -f "$results/encoder-comparison.json.done" ]; then
  log "encoders side by side, interleaved rounds"
  java -cp benchmarks/target/racrec-benchmarks.jar io.github.racrec.benchmarks.encode.EncoderComparison \
    --rounds 25 --out "$results/encoder-comparison.json"
  touch "$results/encoder-comparison.json.done"
fi

if [ ! -f "$results/large-catalog.txt.done" ]; then
  log "1,000,000 x 768 catalog with a 512 MiB heap"
  command="java -Xmx512m --add-modules jdk.incubator.vector -cp benchmarks/target/racrec-benchmarks.jar io.github.racrec.benchmarks.scan.LargeCatalogCheck"
  {
    echo "# $command"
    # Results written by the steps before do not make the tree dirty (as RunEnvironment).
    dirty=$(git status --porcelain --untracked-files=no -- . ':(exclude)benchmarks/results')
    echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, avx512f: $(grep -c avx512f /proc/cpuinfo), $(java -version 2>&1 | head -n 1), commit $(git rev-parse --short=12 HEAD)${dirty:++uncommitted}"
    echo "# second of two runs: the first writes the 3 GB file or reads it into the page cache"
    $command > /dev/null
    $command
  } > "$results/large-catalog.txt"
  touch "$results/large-catalog.txt.done"
fi

if [ ! -f "$results/scan-vs-faiss.json.done" ]; then
  log "scan against FAISS IndexFlatIP, every arrangement of its thread pools"
  # Debian's reference BLAS makes FAISS batches many times slower than OpenBLAS does.
  /usr/bin/python3 -c 'import faiss' 2> /dev/null || { echo "apt-get install python3-faiss first"; exit 1; }
  ls /usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3 > /dev/null 2>&1 \
    || { echo "apt-get install libopenblas0-pthread first (FAISS batches go through BLAS)"; exit 1; }
  java --add-modules jdk.incubator.vector -cp benchmarks/target/racrec-benchmarks.jar \
    io.github.racrec.benchmarks.scan.ScanBenchmarks --grid faiss --faiss --out "$results/scan-vs-faiss.json"
  touch "$results/scan-vs-faiss.json.done"
fi
rm -f "$results"/*.done
log "done"
