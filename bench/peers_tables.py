#!/usr/bin/env python3
"""The peers' generated scenario as CSV tables, the form a finance office would hand over.

    bench/peers_tables.py CASES_DIR

Reads CASES_DIR/scenario.yaml as gen_cases.py writes it (one item a line, in its fixed
layout: this is not a YAML reader) and writes beside it communes.csv (with each commune's
convention), projects.csv, expenses.csv, requests.csv and flags.csv (one row per project,
per expense, per measure asked and per flag: the last three joined on the project's id), and
scenario-tables.yaml, which reads them. bench/peers.sh checks that both scenarios give the
same output, byte for byte, before it times them.
"""
import csv
import os
import re
import sys

COMMUNE = re.compile(r'^    - \{insee: "(\w+)", name: (\w+), population: (\d+)\}$')
MEMBER = re.compile(r'^    - \{beneficiary: \{commune: "(\w+)"\}, convention: ([\d-]+)\}$')
PROJECT = re.compile(r'^  - id: (\w+)$')
OWNER = re.compile(r'^    owner: \{commune: "(\w+)"\}$')
FIELD = re.compile(r'^    (nature|category|private_funding): "?([^"]*)"?$')
FLAGS = re.compile(r'^    flags: \[(.*)\]$')
EXPENSE = re.compile(r'^      - \{year: (\d+), amount: "([\d.]+)"(?:, from: ([\d-]+), until: ([\d-]+))?\}$')
MEASURES = re.compile(r'^    measures: \[(.*)\]$')
REQUEST = re.compile(r'\{measure: ([\w-]+), rate: ([^}]+)\}')

SCENARIO = """# bench/peers_tables.py: the cases of scenario.yaml as CSV tables.
format_version: 1
catalog: {catalog}
territory:
  communes:
    table: communes.csv
    row: {{insee: "${{insee}}", name: "${{name}}", population: "${{population}}"}}
  memberships:
    table: communes.csv
    row: {{beneficiary: {{commune: "${{insee}}"}}, convention: "${{convention}}"}}
projects:
  table: projects.csv
  row:
    id: "${{id}}"
    owner: {{commune: "${{insee}}"}}
    nature: "${{nature}}"
    category: "${{category}}"
    private_funding: "${{private_funding}}"
    flags: {{table: flags.csv, join: {{project: id}}, row: "${{flag}}"}}
    expenses:
      table: expenses.csv
      join: {{project: id}}
      row: {{year: "${{year}}", amount: "${{amount}}", from: "${{from}}", until: "${{until}}"}}
    measures:
      table: requests.csv
      join: {{project: id}}
      row: {{measure: "${{measure}}", rate: "${{rate}}"}}
"""


def read(path):
    """The scenario's communes, conventions and projects, in its order."""
    catalog, communes, conventions, projects = None, [], {}, []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("catalog: "):
            catalog = line[len("catalog: "):]
        elif m := COMMUNE.match(line):
            communes.append(m.groups())
        elif m := MEMBER.match(line):
            conventions[m[1]] = m[2]
        elif m := PROJECT.match(line):
            projects.append({"id": m[1], "flags": [], "expenses": [], "requests": [], "private_funding": ""})
        elif m := OWNER.match(line):
            projects[-1]["insee"] = m[1]
        elif m := FIELD.match(line):
            projects[-1][m[1]] = m[2]
        elif m := FLAGS.match(line):
            projects[-1]["flags"] = [f.strip() for f in m[1].split(",")]
        elif m := EXPENSE.match(line):
            projects[-1]["expenses"].append([g or "" for g in m.groups()])
        elif m := MEASURES.match(line):
            asks = REQUEST.findall(m[1])
            projects[-1]["requests"] = asks if asks else [(name.strip(), "") for name in m[1].split(",")]
        elif line.strip() and not line.startswith(("#", "format_version", "territory", "  communes", "  memberships",
                                                    "projects", "    expenses:")):
            sys.exit(f"peers_tables.py: {path}: a line gen_cases.py does not write: {line!r}")
    return catalog, communes, conventions, projects


def write(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def main():
    out = sys.argv[1]
    catalog, communes, conventions, projects = read(os.path.join(out, "scenario.yaml"))
    write(os.path.join(out, "communes.csv"), ["insee", "name", "population", "convention"],
          [(insee, name, pop, conventions[insee]) for insee, name, pop in communes])
    write(os.path.join(out, "projects.csv"), ["id", "insee", "nature", "category", "private_funding"],
          [(p["id"], p["insee"], p["nature"], p["category"], p["private_funding"]) for p in projects])
    write(os.path.join(out, "expenses.csv"), ["project", "year", "amount", "from", "until"],
          [[p["id"]] + e for p in projects for e in p["expenses"]])
    write(os.path.join(out, "requests.csv"), ["project", "measure", "rate"],
          [(p["id"], m, r) for p in projects for m, r in p["requests"]])
    write(os.path.join(out, "flags.csv"), ["project", "flag"], [(p["id"], f) for p in projects for f in p["flags"]])
    with open(os.path.join(out, "scenario-tables.yaml"), "w", encoding="utf-8") as f:
        f.write(SCENARIO.format(catalog=catalog))


if __name__ == "__main__":
    main()
