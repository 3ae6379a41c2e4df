#!/usr/bin/env python3
"""Prints a markdown table of `racrec eval` results, as the README quotes them.

Each column is PROTOCOL:METRIC[=HEADER] (a protocol prefix is enough: "A (beta=20%)", "B",
"original"; HEADER is the column's title, PROTOCOL:METRIC by default);
cells are formatted as report.md formats them: value [low, high], the value alone where the
interval is a point, "–" where the model has no such metric.

Usage: results-table.py results.json [--models NAME;NAME...] [--random] COLUMN...
  --models  only these models, in this order (';'-separated names as in results.json)
  --random  add the "*random ranking*" row (exact expectations)
Example: results-table.py benchmarks/results/eval/demo/results.json "A (beta=20%):RMSE" "B:HR@10 sampled"
"""
import json
import sys


def cell(e):
    if e is None:
        return "–"
    if e["value"] != e["value"]:
        return "n/a"
    if e["low"] == e["high"]:
        return f"{e['value']:.3f}"
    return f"{e['value']:.3f} [{e['low']:.3f}, {e['high']:.3f}]"


def main(argv):
    path, rest = argv[0], argv[1:]
    models, random_row, columns = None, False, []
    i = 0
    while i < len(rest):
        if rest[i] == "--models":
            models = rest[i + 1].split(";")
            i += 2
        elif rest[i] == "--random":
            random_row = True
            i += 1
        else:
            columns.append(rest[i])
            i += 1
    results = json.load(open(path))["results"]

    def protocol(prefix):
        found = [p for p in results if p["protocol"].startswith(prefix)]
        if not found:
            sys.exit(f"no protocol starting with {prefix!r} in {path}")
        return found[0]

    parsed, headers = [], []
    for column in columns:
        name, metric = column.rsplit(":", 1)
        metric, _, header = metric.partition("=")
        parsed.append((protocol(name), metric))
        headers.append(header or f"{name}:{metric}")
    names = models or list(dict.fromkeys(m["model"] for p in results for m in p["models"]))
    print("| model | " + " | ".join(headers) + " |")
    print("|---" * (len(columns) + 1) + "|")
    for name in names:
        cells = []
        for p, metric in parsed:
            model = next((m for m in p["models"] if m["model"] == name), None)
            cells.append(cell(model["metrics"].get(metric)) if model else "–")
        print(f"| {name} | " + " | ".join(cells) + " |")
    if random_row:
        rates = [p.get("randomRates", {}).get(metric) for p, metric in parsed]
        print("| *random ranking* | " + " | ".join("" if r is None else f"{r:.3f}" for r in rates) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])
