#!/usr/bin/env python3
"""Compares indicator rows of agp's CSV (the contract's columns) with those of the SQL engines.

Usage: compare.py AGP_CSV NAME=CSV [NAME=CSV ...]

Every (indicator, unit_id, period) row of either side is one comparison of the value column
(tolerance 1e-6 relative or 1e-4 absolute; both empty is equal; a row missing on one side is a
mismatch). Numerator and denominator are compared the same way and reported separately, as a
diagnosis. Prints one summary line per engine and the first 10 mismatches in detail; exits 1 when
any value differs.
"""
import csv
import math
import sys

REL, ABS = 1e-6, 1e-4


def load(path):
    rows = {}
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r.get("suppressed", "0") not in ("", "0"):
                raise SystemExit(f"{path}: suppressed row {r} (run agp with --min-group 0)")
            key = (r["indicator"], r["unit_id"], r["period"])
            if key in rows:
                raise SystemExit(f"{path}: duplicate row {key}")
            rows[key] = r
    return rows


def num(s):
    return None if s is None or s.strip() == "" else float(s)


def same(a, b):
    a, b = num(a), num(b)
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=REL, abs_tol=ABS)


def compare(agp, other, name):
    keys = sorted(set(agp) | set(other))
    value_bad, parts_bad = [], 0
    for k in keys:
        a, o = agp.get(k), other.get(k)
        if a is None or o is None:
            value_bad.append((k, a, o))
            continue
        if not same(a["value"], o["value"]):
            value_bad.append((k, a, o))
        # agp prints numerator/denominator only where they mean something; compare where both have one.
        for col in ("numerator", "denominator"):
            if num(a[col]) is not None and num(o[col]) is not None and not same(a[col], o[col]):
                parts_bad += 1
                break
    by_ind = {}
    for k in keys:
        by_ind[k[0]] = by_ind.get(k[0], 0) + 1
    detail = ", ".join(f"{i} {n}" for i, n in sorted(by_ind.items()))
    print(f"agp vs {name}: {len(keys)} rows compared ({detail}); {len(value_bad)} value mismatches; "
          f"{parts_bad} rows with a different numerator or denominator")

    def show(r):
        if r is None:
            return "(missing)"
        return f"value={r['value'] or '∅'} num={r['numerator'] or '∅'} den={r['denominator'] or '∅'}"

    for k, a, o in value_bad[:10]:
        print(f"  {k[0]} unit {k[1]} period {k[2]}: agp {show(a)} | {name} {show(o)}")
    return len(value_bad)


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    agp = load(sys.argv[1])
    bad = 0
    for arg in sys.argv[2:]:
        name, path = arg.split("=", 1)
        bad += compare(agp, load(path), name)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
