#!/usr/bin/python3
"""FAISS IndexFlatIP on the vectors of a racrec float32 catalog file, for the side-by-side scan
benchmark (ScanBenchmarks --faiss runs it). Prints one JSON object: milliseconds per search of 1
query and of a batch, median over repeated timed runs after warm-up, per thread count.

Usage: faiss_flat_ip.py CATALOG QUERIES_F32 DIM THREADS

Run one process per arrangement of thread pools (the runner does): THREADS is FAISS's OpenMP
pool, and OPENBLAS_NUM_THREADS in the environment is OpenBLAS's own pool, which FAISS uses for
batches of 20 or more queries and which omp_set_num_threads does not govern. Both pools at 2 on 2
cores oversubscribe them (OpenMP threads spin while OpenBLAS's run), so the fair arrangements on
2 cores are OpenMP 2 with OpenBLAS 1, and OpenMP 1 with OpenBLAS 2. The output names the BLAS library the process loaded; with
Debian's reference libblas3 instead of libopenblas0, batches are many times slower.
"""
import json
import os
import struct
import sys
import time

import faiss
import numpy as np


def load_catalog(path):
    with open(path, "rb") as f:
        header = f.read(256)
    if header[:8] != b"RACRECAT":
        raise SystemExit(path + " is not a racrec catalog")
    element_type, dim, count = struct.unpack_from("<iiq", header, 16)
    if element_type != 1:
        raise SystemExit("FAISS IndexFlatIP is compared on float32 catalogs only")
    vectors_offset = struct.unpack_from("<q", header, 40)[0]
    return np.memmap(path, dtype="<f4", mode="r", offset=vectors_offset, shape=(count, dim))


def median_ms(run, min_seconds=2.0, min_runs=5):
    for _ in range(3):  # warm-up
        run()
    times = []
    start = time.perf_counter()
    while len(times) < min_runs or time.perf_counter() - start < min_seconds:
        t0 = time.perf_counter()
        run()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return times[len(times) // 2]


def loaded_blas():
    with open("/proc/self/maps") as maps:
        names = {line.split()[-1] for line in maps if "blas" in line.lower()}
    return sorted(n for n in names if n.startswith("/"))


def openblas_core():
    """The kernel family OpenBLAS chose (OPENBLAS_CORETYPE overrides it), or None."""
    try:
        import ctypes
        lib = ctypes.CDLL("libopenblas.so.0")
        lib.openblas_get_corename.restype = ctypes.c_char_p
        return lib.openblas_get_corename().decode()
    except (OSError, AttributeError):
        return None


def main():
    catalog, queries_path, dim, threads = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    vectors = np.ascontiguousarray(load_catalog(catalog))
    queries = np.fromfile(queries_path, dtype="<f4").reshape(-1, dim)
    index = faiss.IndexFlatIP(dim)
    index.add(vectors)
    results = {"faiss": faiss.__version__, "items": int(vectors.shape[0]), "dim": dim, "runs": []}
    blas_threads = int(os.environ.get("OPENBLAS_NUM_THREADS", "0"))
    for t in [int(x) for x in threads.split(",")]:
        faiss.omp_set_num_threads(t)
        one = queries[:1]
        pools = {"ompThreads": t, "blasThreads": blas_threads}
        results["runs"].append({"threads": max(t, blas_threads), "batch": 1, **pools,
                                "ms": median_ms(lambda: index.search(one, 10))})
        results["runs"].append({"threads": max(t, blas_threads), "batch": len(queries), **pools,
                                "ms": median_ms(lambda: index.search(queries, 10))})
    results["blas"] = loaded_blas()
    results["openblasCore"] = openblas_core()
    print(json.dumps(results))


if __name__ == "__main__":
    main()
