#!/usr/bin/env bash
# Checks racrec on CUDA: runs the text encoder and the RACRec towers on the GPU and on the CPU and
# compares them (largest relative difference at most 1e-4). Exit 0: passed; 1: outputs differ;
# 2: CUDA was asked for but not used (the log says why: no GPU, no CUDA 12 / cuDNN 9, CPU jar).
#
# Needs: an NVIDIA GPU with CUDA 12 and cuDNN 9 libraries on the library path, JDK 17+, Maven 3.8+,
# and Maven Central (or a local repository that already holds the 445 MB
# com.microsoft.onnxruntime:onnxruntime_gpu jar). Run from anywhere:
#   benchmarks/scripts/cuda-check.sh
# Without a GPU, `CHECK_DEVICE=CPU benchmarks/scripts/cuda-check.sh` runs the same steps CPU
# against CPU, which tests the script itself.
set -euo pipefail
cd "$(dirname "$0")/../.."
device="${CHECK_DEVICE:-CUDA}"
profile=()
[ "$device" = CUDA ] && profile=(-Pcuda)

nvidia-smi --query-gpu=name,driver_version --format=csv,noheader 2>/dev/null || echo "nvidia-smi: no GPU visible"
mvn -q "${profile[@]}" -pl examples -am package -DskipTests
if [ ! -f racrec-work/model/racrec-model.json ]; then
  # The towers to compare: the quickstart trains the demo model (about a minute on a CPU).
  java -jar examples/target/racrec-examples.jar quickstart > /dev/null
fi
java -jar examples/target/racrec-examples.jar cuda-check --compare-device "$device"
