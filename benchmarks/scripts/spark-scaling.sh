#!/usr/bin/env bash
# Issue 25's benchmark: the Spark jobs in local-cluster mode with 2 and then 1 workers (each
# executor its own JVM with one core): encoding throughput on the same 4,000 synthetic-v1 music
# reviews, and the time to build the demo and synthetic-v1 catalogs from their review vectors
# (the synthetic-v1 music reviews, 129,492, are encoded once, with 2 workers). Writes
# benchmarks/results/spark-scaling.json. Run on a quiet machine from a committed tree; the
# synthetic-v1 vectors stay in racrec-work/spark-scaling, so a second run skips that encoding.
#
# local-cluster mode without a Spark installation needs Spark's testing switches: spark.testing
# (executors get this JVM's class path), spark.test.home (an empty folder stands for SPARK_HOME)
# and, for the executors, SPARK_SCALA_VERSION and SPARK_TESTING (set by the benchmark itself).
set -euo pipefail
cd "$(dirname "$0")/../.."
work=racrec-work/spark-scaling
mkdir -p "$work/spark-home"
log() { echo "== $(date -u +%H:%M:%S) $*"; }

if [ ! -f examples/target/racrec-examples.jar ]; then
  log "building racrec"
  mvn -q -DskipTests install
fi
if [ ! -f racrec-work/model/racrec-model.json ]; then
  log "training the demo model (the quickstart)"
  bin/racrec quickstart > "$work/quickstart.log"
fi
if [ ! -f "$work/synthetic-v1/Digital_Music.jsonl" ]; then
  log "generating synthetic-v1"
  bin/racrec generate --config synthetic-v1 --out "$work/synthetic-v1" > /dev/null
fi
log "benchmark"
examples/spark-job/run-local io.github.racrec.examples.spark.SparkScaling \
  -Xmx6g -Dspark.testing=1 -Dspark.test.home="$PWD/$work/spark-home" -- \
  --demo-music racrec-work/demo/Digital_Music.jsonl \
  --synthetic-music "$work/synthetic-v1/Digital_Music.jsonl" \
  --model racrec-work/model --scratch "$work/scratch" \
  --out benchmarks/results/spark-scaling.json
log "done"
