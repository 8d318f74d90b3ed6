#!/usr/bin/env python3
"""Reads a .sor file written by `fibrelab otdr` with pyOTDR (an independent parser) and
compares what it finds with FibreLab's own reading (`fibrelab sor FILE --json`).

usage: check_pyotdr.py FILE.sor FILE.json
Exit 0 when every parameter, data point and event agrees."""
import json
import sys

from pyotdr import sorparse

C = 299792458.0


def main(sor_path, json_path):
    ours = json.load(open(json_path))
    status, res, trace = sorparse(sor_path)
    problems = []

    def check(what, theirs, mine, tol=0.0):
        if abs(theirs - mine) > tol:
            problems.append(f"{what}: pyOTDR {theirs}, FibreLab {mine}")

    if status != "ok":
        problems.append(f"pyOTDR status {status}")
    fx, fxo = res["FxdParams"], ours["fxd"]
    check("wavelength nm", float(fx["wavelength"].split()[0]), fxo["wavelength"] / 10.0, 0.05)
    check("pulse ns", float(fx["pulse width"].split()[0]), fxo["pulse_widths_ns"][0])
    check("index", float(fx["index"]), fxo["group_index"] / 100000.0, 1e-6)
    check("points", int(fx["num data points"]), len(ours["data"]["traces"][0]["values"]))
    # pyOTDR gives each point as (max − value) / 1000 dB.
    values = ours["data"]["traces"][0]["values"]
    top = max(values)
    bad = [i for i, (line, v) in enumerate(zip(trace, values))
           if abs(float(line.split()[1]) - (top - v) / 1000.0) > 1e-3]
    if len(trace) != len(values) or bad:
        problems.append(f"data points differ: {len(bad)} of {len(values)} (first at {bad[:1]})")
    ev, evo = res["KeyEvents"], ours["events"]["events"]
    check("events", int(ev["num events"]), len(evo))
    ior = fxo["group_index"] / 100000.0
    for k, e in enumerate(evo, start=1):
        theirs = ev[f"event {k}"]
        dist_m = e["time"] * 1e-10 * C / ior
        check(f"event {k} distance m", float(theirs["distance"]) * 1000.0, dist_m, 0.5)
        check(f"event {k} loss dB", float(theirs["splice loss"]), e["loss"] / 1000.0, 0.0015)
        check(f"event {k} reflectance dB", float(theirs["refl loss"]), e["reflectance"] / 1000.0, 0.0015)
    if problems:
        print("pyOTDR disagrees with FibreLab:")
        for p in problems:
            print("  " + p)
        return 1
    print(f"pyOTDR reads {sor_path} as FibreLab does: {len(values)} points, {len(evo)} events")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
