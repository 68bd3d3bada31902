#!/usr/bin/env python3
"""Turns the JMH JSON files run.sh writes into the Markdown tables of benchmarks/README.md.

Usage: benchmarks/summarize.py [RESULTS_DIR]   (default benchmarks/results)
"""
import json
import math
import os
import sys

CYCLES = ["preparedQuery", "prepare", "execute", "executeNewText", "preparedUpdate", "batch"]


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


# Two-sided 95% quantiles of Student's t for 1 to 30 degrees of freedom.
T95 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
       2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042]


def t95(df):
    """Student's t quantile for a 95% two-sided interval; past 30 degrees of freedom, its Cornish-Fisher expansion
    (within 0.001 of the exact value there)."""
    if df <= len(T95):
        return T95[df - 1]
    z = 1.959964
    return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df ** 2)


def mean_and_interval(values):
    """Mean and the half-width of its 95% confidence interval (NaN for a single value)."""
    n = len(values)
    mean = sum(values) / n
    if n < 2:
        return mean, float("nan")
    variance = sum((v - mean) ** 2 for v in values) / (n - 1)
    return mean, t95(n - 1) * math.sqrt(variance / n)


def counters(result, name):
    """One interleaved counter per fork and measurement iteration (JMH's rawData of that secondary metric)."""
    return [[float(x) for x in fork] for fork in result["secondaryMetrics"][name]["rawData"]]


def end_to_end(runs, target=0.98):
    """runs: (threads, results) of EndToEndBenchmark. Every iteration interleaves RAW and GUARD cycles and gives one
    throughput ratio, rawNanos / guardNanos; one ratio at the median, rawMedian / (rawMedian + the median of the
    pairs' differences); and the CPU time the benchmark threads spent per cycle of each target. Each is reported
    with its 95% interval over the iterations of all forks. Medians and CPU times are summed over the threads by
    JMH, hence divided by the thread count."""
    throughput, cost = [], []
    for cycle in CYCLES:
        for threads, results in runs:
            for r in results:
                if method(r) != cycle:
                    continue
                # against=RAW is the control: two raw connections in the guard's place, so "guard" means raw there.
                pair = "raw/guard" if r["params"].get("against", "GUARD") == "GUARD" else "raw/raw (control)"
                names = ("rawNanos", "guardNanos", "pairs", "rawMedianNanos", "medianDifferenceNanos",
                         "rawCpuNanos", "guardCpuNanos")
                c = {name: counters(r, name) for name in names}
                ratios, fork_ratios, median_raw, median_added, median_ratios, cpu_added = [], [], [], [], [], []
                for fork in range(len(c["pairs"])):
                    its = list(zip(*(c[name][fork] for name in names)))
                    fork_ratio = [raw / guard for raw, guard, *_ in its]
                    ratios += fork_ratio
                    fork_ratios.append(f"{sum(fork_ratio) / len(fork_ratio):.3f}")
                    median_raw += [m / threads / 1000 for _, _, _, m, _, _, _ in its]
                    median_added += [d / threads / 1000 for _, _, _, _, d, _, _ in its]
                    median_ratios += [m / (m + d) for _, _, _, m, d, _, _ in its]
                    cpu_added += [(g - w) / n / 1000 for _, _, n, _, _, w, g in its]
                pairs = sum(map(sum, c["pairs"]))
                per_cycle = {name: sum(map(sum, c[name])) / pairs / 1000 for name in names if "Nanos" in name}
                ratio, ratio_ci = mean_and_interval(ratios)
                verdict = "shown" if ratio - ratio_ci >= target else "not shown"
                head = f"| {cycle} | {threads} | {pair} "
                throughput.append(head + f"| {per_cycle['rawNanos']:,.1f} | {per_cycle['guardNanos']:,.1f} "
                                  f"| **{fmt(ratio, ratio_ci, 4)}** | {', '.join(fork_ratios)} | {verdict} "
                                  f"| {len(ratios)} | {fmt(bytes_per_op(r), digits=0)} |")
                cost.append(head + f"| {sum(median_raw) / len(median_raw):,.1f} "
                            f"| {fmt(*mean_and_interval(median_added), 2)} | {fmt(*mean_and_interval(median_ratios), 4)} "
                            f"| {per_cycle['rawCpuNanos']:,.1f} | {fmt(*mean_and_interval(cpu_added), 2)} |")
    print("Throughput: time per cycle (mean, wall clock) and the guarded/raw ratio, 95% interval over iterations.\n")
    print("| cycle | threads | pair | raw us/cycle | guard us/cycle | guard/raw throughput | per fork "
          f"| >= {target} | iterations | B/pair |")
    print("| --- | ---: | --- | ---: | ---: | ---: | --- | --- | ---: | ---: |")
    print("\n".join(throughput))
    print("\nWhat a typical cycle pays (medians of the pairs) and what the guard costs the client in CPU per cycle.\n")
    print("| cycle | threads | pair | median raw us | median guard - raw, us | guard/raw at the median "
          "| raw CPU us/cycle | guard - raw CPU, us/cycle |")
    print("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    print("\n".join(cost))


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
    e2e = [(t, load(directory, f"e2e-{t}-threads")) for t in (1, 4)] + [(1, load(directory, "e2e-control"))]
    e2e = [(t, results) for t, results in e2e if results]
    if e2e:
        print("\n### End to end\n")
        end_to_end(e2e)
    rules = load(directory, "rules")
    if rules:
        print("\n### Rule engine\n")
        plain(rules)


if __name__ == "__main__":
    main()
