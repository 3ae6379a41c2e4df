#!/usr/bin/env python3
"""Compares two results.json files of `racrec eval`, model by model.

For each protocol, model and metric: the old and new value, the change, and the old run's
run-to-run spread for that model and metric: the range of its values over the protocols that
share one split (A at beta 20 %, B and original: test share 20 %, validation 10 %, same seeds),
where a deterministic model gives one value. A change within that range is what retraining alone
moved; a change outside it is not explained by it.

Usage: compare-results.py OLD/results.json NEW/results.json [--all]
"""
import json
import sys

SAME_SPLIT = ["A (beta=20%)", "B (ranking)", "original (80/20, leak-free)"]
METRICS = ["RMSE", "MAE", "HR@10 sampled", "NDCG@10 sampled", "MRR sampled", "HR@10", "AUC"]


def load(path):
    values = {}
    for protocol in json.load(open(path))["results"]:
        for model in protocol["models"]:
            for metric, estimate in model["metrics"].items():
                values[(protocol["protocol"], model["model"], metric)] = estimate["value"]
    return values


def spread(values, model, metric):
    found = [values[(p, model, metric)] for p in SAME_SPLIT if (p, model, metric) in values]
    return max(found) - min(found) if found else 0.0


def main():
    old, new = load(sys.argv[1]), load(sys.argv[2])
    show_all = "--all" in sys.argv
    outside = 0
    rows = 0
    print("| protocol | model | metric | old | new | change | old spread | |")
    print("|---|---|---|---|---|---|---|---|")
    for key in sorted(new):
        protocol, model, metric = key
        if metric not in METRICS or key not in old:
            continue
        change = new[key] - old[key]
        width = spread(old, model, metric)
        within = abs(change) <= width + 5e-4  # figures are quoted to three decimals
        rows += 1
        outside += not within
        if show_all or not within or abs(change) >= 5e-4:
            print(f"| {protocol} | {model} | {metric} | {old[key]:.3f} | {new[key]:.3f} | "
                  f"{change:+.3f} | {width:.3f} | {'within' if within else 'OUTSIDE'} |")
    print(f"\n{rows} figures compared; {outside} moved by more than the old run's spread.")
    new_spreads = [(m, k, spread(new, m, k)) for (_, m, k) in new if k in METRICS]
    worst = max((s for _, _, s in new_spreads), default=0.0)
    print(f"Largest spread over the same-split protocols in the new run: {worst:.6f}")


if __name__ == "__main__":
    main()
