#!/usr/bin/env python3
"""Writes epcis.csv, the EPCIs of the PVD towns, from the published list of towns.

    python3 examples/national/derive_epcis.py   # from the repository's root

One row per SIREN of data/open/pvd-communes-2021.csv's `siren_epci`, in SIREN order: its name
as the list writes it, how many PVD towns it has and their population (the rows of the list
without an EPCI, the publisher's placeholder among them, are not EPCIs). The scenario reads
it twice: as the territory's EPCIs and as one project-lead post per EPCI.
"""
import csv
import os

here = os.path.dirname(os.path.abspath(__file__))
source = os.path.join(here, "..", "..", "data", "open", "pvd-communes-2021.csv")
epcis = {}
with open(source, encoding="utf-8", newline="") as f:
    for row in csv.DictReader(f):
        siren = row["siren_epci"].strip()
        if not siren:
            continue
        e = epcis.setdefault(siren, {"name": row["lib_epci"], "towns": 0, "population": 0})
        e["towns"] += 1
        e["population"] += int(row["pop"])
with open(os.path.join(here, "epcis.csv"), "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["siren", "name", "pvd_towns", "pvd_population"])
    for siren in sorted(epcis):
        e = epcis[siren]
        w.writerow([siren, e["name"], e["towns"], e["population"]])
print(f"{len(epcis)} EPCIs written to epcis.csv")
