#!/usr/bin/env python3
"""Prints benchmarks/results/seed-scale.json as Markdown: one table of stages per configuration
(wall seconds, what the stage handled, peak heap and RSS), then the cost-growth table (seconds per
stage, configurations side by side) and recommend() latency. Usage: seed-scale-table.py [report]"""
import json
import sys

STAGES = ["generate", "readAndAssemble", "encode", "train", "export", "catalog", "recommend",
          "evaluate"]
PIPELINE = ["readAndAssemble", "encode", "train", "export", "catalog"]
# What each stage handled, by the report's own keys.
FACTS = {
    "generate": ["movieReviews", "musicReviews"],
    "readAndAssemble": ["sourceReviews", "targetReviews", "users", "targetItems"],
    "encode": ["textsEncoded", "textsFromCache", "textsPerSecond"],
    "train": ["epochs", "bestEpoch", "secondsPerEpoch", "validationRmse"],
    "catalog": ["items", "metadataItems", "reviewTexts"],
    "recommend": ["catalogItems", "kernel"],
}


def fmt(value):
    if isinstance(value, float):
        return f"{value:,.1f}" if value >= 10 else f"{value:.3g}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def stage_table(name, run):
    env = run.get("environment", {})
    print(f"### {name}\n")
    print(f"Commit {env.get('commit', '?')}, {env.get('cpu', '?')}, {env.get('cores', '?')} cores,"
          f" {env.get('jdk', '?')}, {env.get('date', '?')[:16]}; heap given"
          f" {run.get('maxHeapMiB', '?')} MiB.\n")
    print("| stage | wall s | handled | peak heap MiB | peak RSS MiB |")
    print("|---|---|---|---|---|")
    stages = run["stages"]
    for stage in STAGES:
        if stage not in stages:
            continue
        record = stages[stage]
        facts = ", ".join(f"{k} {fmt(record[k])}" for k in FACTS.get(stage, []) if k in record)
        print(f"| {stage} | {fmt(record['seconds'])} | {facts} | {fmt(record['peakHeapMiB'])} |"
              f" {fmt(record['peakRssMiB'])} |")
    pipeline = sum(stages[s]["seconds"] for s in PIPELINE if s in stages)
    print(f"\nPipeline (read to catalog): {pipeline:,.0f} s = {pipeline / 60:.1f} min.\n")
    recommend = stages.get("recommend", {})
    for key in ("endToEndMillis", "towerAndScanMillis"):
        if key in recommend:
            print(f"- recommend() {key}: {recommend[key]}")
    print()


def growth_table(runs):
    names = list(runs)
    print("### Cost growth (wall seconds per stage)\n")
    print("| stage | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    for stage in STAGES:
        cells = [fmt(runs[n]["stages"][stage]["seconds"]) if stage in runs[n]["stages"] else "–"
                 for n in names]
        print(f"| {stage} | " + " | ".join(cells) + " |")
    print()


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "benchmarks/results/seed-scale.json"
    with open(path) as f:
        report = json.load(f)
    runs = report["runs"]
    for name, run in runs.items():
        stage_table(name, run)
    if len(runs) > 1:
        growth_table(runs)


if __name__ == "__main__":
    main()
