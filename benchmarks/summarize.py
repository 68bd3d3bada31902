#!/usr/bin/env python3
"""Turns the JMH JSON files run.sh writes into the Markdown tables of benchmarks/README.md.

Usage: benchmarks/summarize.py [RESULTS_DIR]   (default benchmarks/results)
"""
import json
import math
import os
import sys

CYCLES = ["preparedQuery", "execute", "preparedUpdate", "batch"]


def load(directory, name):
    path = os.path.join(directory, name + ".json")
    if not os.path.exists(path) or os.path.getsize(path) == 0:  # not run, or still running
        return []
    with open(path) as f:
        return json.load(f)


def method(result):
    return result["benchmark"].rsplit(".", 1)[1]


def number(value):
    return float(value)  # JMH writes "NaN" as a string when a single iteration gives no error bar


def score(result):
    metric = result["primaryMetric"]
    return number(metric["score"]), number(metric["scoreError"])


def bytes_per_op(result):
    metric = result.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
    return number(metric["score"]) if metric else float("nan")


def fmt(value, error=None, digits=1):
    if value != value:  # no -prof gc, no bytes/op
        return "-"
    text = f"{value:,.{digits}f}"
    if error is not None and error == error:  # NaN when JMH had a single iteration
        text += f" ± {error:,.{digits}f}"
    return text


def overhead(results):
    by_key = {(method(r), r["params"]["layer"]): r for r in results}
    layers = []
    for r in results:
        if r["params"]["layer"] not in layers:
            layers.append(r["params"]["layer"])
    print("| cycle | layer | ns/op | B/op | overhead over RAW, ns | added B/op |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for cycle in CYCLES:
        raw = by_key.get((cycle, "RAW"))
        for layer in layers:
            r = by_key.get((cycle, layer))
            if r is None:
                continue
            ns, err = score(r)
            b = bytes_per_op(r)
            if raw is not None and layer != "RAW":
                over = fmt(ns - score(raw)[0])
                added = fmt(b - bytes_per_op(raw), digits=0)
            else:
                over, added = "", ""
            print(f"| {cycle} | {layer} | {fmt(ns, err)} | {fmt(b, digits=0)} | {over} | {added} |")


def iterations(result):
    return [float(x) for fork in result["primaryMetric"]["rawData"] for x in fork]


def mean_and_error(values):
    """Mean and standard error of the mean."""
    n = len(values)
    mean = sum(values) / n
    variance = sum((v - mean) ** 2 for v in values) / (n - 1) if n > 1 else float("nan")
    return mean, math.sqrt(variance / n)


def end_to_end(rounds):
    """rounds: (threads, round name, results). Per round, then both rounds' iterations pooled."""
    print("| cycle | threads | round | raw ops/s | guard ops/s | guard/raw | raw B/op | guard B/op |")
    print("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    for cycle in CYCLES:
        for threads in sorted({t for t, _, _ in rounds}):
            pooled = {"RAW": [], "GUARD": []}
            for t, name, results in rounds:
                if t != threads:
                    continue
                by_target = {r["params"]["target"]: r for r in results if method(r) == cycle}
                raw, guard = by_target.get("RAW"), by_target.get("GUARD")
                if raw is None or guard is None:
                    continue
                pooled["RAW"] += iterations(raw)
                pooled["GUARD"] += iterations(guard)
                ratio = score(guard)[0] / score(raw)[0]
                print(f"| {cycle} | {threads} | {name} | {fmt(*score(raw), digits=0)} | {fmt(*score(guard), digits=0)} "
                      f"| {ratio:.3f} | {fmt(bytes_per_op(raw), digits=0)} | {fmt(bytes_per_op(guard), digits=0)} |")
            if pooled["RAW"] and pooled["GUARD"]:
                raw_mean, raw_se = mean_and_error(pooled["RAW"])
                guard_mean, guard_se = mean_and_error(pooled["GUARD"])
                ratio = guard_mean / raw_mean
                ratio_se = ratio * math.sqrt((raw_se / raw_mean) ** 2 + (guard_se / guard_mean) ** 2)
                print(f"| {cycle} | {threads} | **pooled** | {fmt(raw_mean, 2 * raw_se, 0)} "
                      f"| {fmt(guard_mean, 2 * guard_se, 0)} | **{ratio:.3f} ± {2 * ratio_se:.3f}** | | |")


def plain(results):
    print("| benchmark | params | ns/op | B/op |")
    print("| --- | --- | ---: | ---: |")
    for r in results:
        params = ", ".join(f"{k}={v}" for k, v in r.get("params", {}).items())
        print(f"| {method(r)} | {params} | {fmt(*score(r))} | {fmt(bytes_per_op(r), digits=0)} |")


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else "benchmarks/results"
    for title, name in [("Overhead", "overhead"), ("Noise (second run)", "noise")]:
        results = load(directory, name)
        if results:
            print(f"\n### {title}\n")
            overhead(results)
    e2e = [(t, name, load(directory, f"e2e-{t}-threads-{name}")) for t in (1, 4) for name in ("a", "b")]
    e2e = [(t, name, results) for t, name, results in e2e if results]
    if e2e:
        print("\n### End to end\n")
        end_to_end(e2e)
    rules = load(directory, "rules")
    if rules:
        print("\n### Rule engine\n")
        plain(rules)


if __name__ == "__main__":
    main()
