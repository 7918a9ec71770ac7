#!/usr/bin/env python3
"""The DETR 2019 replay checked independently of the library (test golden.detr_2019_check).

Reads the published table with Python's csv and decimal modules only, applies the rules that
examples/detr-2019/scenario.yaml and data/catalogs/dotations.yaml state, and compares the
result with the golden outputs of `subsidy-calc cuts` and `compute --by department,measure`
(which the golden tests compare with the driver byte for byte):

- rows left out: a cost of 0, and the Collectivité de Corse ("20A", not a department code);
- amounts rounded half up to the cent (round_to_cent: half_up);
- DETR and DSIL for communes and EPCIs, DSID for departments; any other grant gives 0;
- R2334-27: a grant above 80 % of its project's cost is cut to 80 % of the cost, in whole
  cents down (an aid may not exceed the cap, so the cap is never rounded up);
- a grant's department: a commune's from its INSEE code (three characters overseas), an
  EPCI's and a department's as published (id_dep, id_terr).

Usage: detr_2019_check.py GRANTS.csv CUTS.csv ENVELOPES.csv
"""
import csv
import sys
from collections import defaultdict
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ADMITS = {"DETR": {"commune", "epci"}, "DSIL": {"commune", "epci"}, "DSID": {"conseil_departemental"}}


def cents(text):
    return Decimal(text).quantize(CENT, rounding=ROUND_HALF_UP)


def department(row):
    if row["echelon"] == "commune":
        insee = row["id_terr"]
        return insee[:3] if insee[:2] in ("97", "98") else insee[:2]
    return row["id_dep"] if row["echelon"] == "epci" else row["id_terr"]


def replay(path):
    """The expected cuts [(project, before, after)] and envelopes {(department, measure): cash}."""
    cuts, envelopes = [], defaultdict(Decimal)
    counts = defaultdict(int)
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["cout_total"] == "0" or row["id_terr"] == "20A":
                counts["left out"] += 1
                continue
            cost, grant = cents(row["cout_total"]), cents(row["montant_sub"])
            if Decimal(row["montant_sub"]) > Decimal("0.8") * Decimal(row["cout_total"]):
                counts["above 80 % as published"] += 1
            if row["echelon"] not in ADMITS[row["dotation"]]:
                counts["not admitted"] += 1
                continue
            cap = (cost * Decimal("0.8")).quantize(CENT, rounding=ROUND_DOWN)
            paid = min(grant, cap)
            if grant > cap:
                cuts.append((row["id_projet"], grant, paid))
            envelopes[(department(row), row["dotation"].lower())] += paid
    return cuts, envelopes, counts


def read_cuts(path):
    with open(path, encoding="utf-8", newline="") as f:
        return [(r["project"], Decimal(r["before"]), Decimal(r["after"])) for r in csv.DictReader(f)]


def read_envelopes(path):
    with open(path, encoding="utf-8", newline="") as f:
        return {(r["department"], r["measure"]): Decimal(r["cash"]) for r in csv.DictReader(f)}


def main(grants, cuts_file, envelopes_file):
    cuts, envelopes, counts = replay(grants)
    failures = []
    got_cuts = read_cuts(cuts_file)
    if got_cuts != cuts:
        missing = [c for c in cuts if c not in got_cuts][:5]
        extra = [c for c in got_cuts if c not in cuts][:5]
        failures.append(f"cuts differ: {len(got_cuts)} listed, {len(cuts)} expected; missing {missing}, extra {extra}")
    got_envelopes = read_envelopes(envelopes_file)
    expected = {k: v for k, v in envelopes.items()}
    for key in sorted(set(expected) | set(got_envelopes)):
        if got_envelopes.get(key, Decimal(0)) != expected.get(key, Decimal(0)):
            failures.append(f"envelope {key}: listed {got_envelopes.get(key)}, expected {expected.get(key)}")
    total = sum(envelopes.values(), Decimal(0))
    print(f"grants left out {counts['left out']}, not admitted "
          f"{counts['not admitted']}, above 80 % as published {counts['above 80 % as published']}, "
          f"cut after rounding to the cent {len(cuts)}; total paid {total}")
    for f in failures[:20]:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
