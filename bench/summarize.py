#!/usr/bin/env python3
"""Prints the results table of bench/README.md from bench_batch's JSON reports (medians)."""
import json
import sys


def medians(paths):
    rows = {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for b in json.load(f)["benchmarks"]:
                if b.get("aggregate_name", "median") == "median":
                    rows[b["run_name"]] = b
    return rows


def ms(b):
    return b["real_time"] if b["time_unit"] == "ms" else b["real_time"] / 1e6


def main():
    r = medians(sys.argv[1:])
    ev, floor = r["BM_Engine_Evaluator"], r["BM_ArithmeticFloor"]
    off, on = r["BM_Engine_Plan/trace:0"], r["BM_Engine_Plan/trace:1"]
    ns = lambda b, k: b[k] * 1e9
    print("| Measure | Result |\n|---|---:|")
    print("| Engine, Evaluator (compiled, trace off), ns/line | %.0f |" % ns(ev, "time/line"))
    print("| Engine, Evaluator, ns/project-year | %.0f |" % ns(ev, "time/project-year"))
    print("| Engine, plan() trace off / on, ns/line | %.0f / %.0f |" % (ns(off, "time/line"), ns(on, "time/line")))
    print("| Engine, plan() trace off / on, ns/project-year | %.0f / %.0f |" % (ns(off, "time/project-year"), ns(on, "time/project-year")))
    print("| Arithmetic floor (int64), ns/line | %.1f |" % ns(floor, "time/line"))
    print("| Ratio Evaluator / floor | %.0f× |" % (ev["time/line"] / floor["time/line"]))
    for name, label in (("BM_Batch_AllDimensions", "all 7 dimensions"), ("BM_Batch_TownPillar", "{town, pillar}")):
        one, two = r[name + "/threads:1/real_time"], r[name + "/threads:2/real_time"]
        s = ms(one) / ms(two)
        print("| National batch (plans + budgets + envelopes by %s), 1 / 2 threads, ms | %.1f / %.1f |" % (label, ms(one), ms(two)))
        print("| Scaling 1 → 2 threads (%s), parallel efficiency | %.2f×, %.0f %% |" % (label, s, 50 * s))
    agg = r["BM_EnvelopeAggregation"]
    print("| Envelope aggregation (7 dimensions), lines/s | %.2f M |" % (agg["lines/s"] / 1e6))
    load = r["BM_LoadScenario/iterations:3/real_time"]
    print("| Scenario file load (%.1f MB), MB/s | %.1f |" % (load["MB"], load["bytes_per_second"] / 1e6))
    print("| Driver `subsidy-calc compute` on that file, s | %.2f |" % (ms(r["BM_Driver/iterations:3/real_time"]) / 1e3))
    if "BM_AllCommunes/iterations:1/real_time" in r:
        a = r["BM_AllCommunes/iterations:1/real_time"]
        print("| ~35,000 communes (%d projects, %d project-years), 2 threads, s / peak RSS MiB | %.1f / %.0f |"
              % (a["projects"], a["project_years"], ms(a) / 1e3, a["peak_rss_MiB"]))


if __name__ == "__main__":
    main()
