#!/usr/bin/env python3
"""The cohort model of `raming risico` written the way an analyst would in numpy (issue 17):
the reference for the side-by-side timing in `cargo bench --bench numpy`.

Reads the same data folder and scenario as `raming risico` (the synthetic national set of
`benches/synthetisch.rs`: IU from the maatstaven, SPUK per cohort and telling year × tariff ×
index, the onderwijsroute top-up, regieteams split by the IU key, route and module costs per
participant × price index; instroom per year uncertain (triangular, AR(1)-correlated normal
scores), route shares between `laag` and `hoog`), builds per gemeente the per-head rates of each
cohort in each year, evaluates every draw with matrix products (vectorised, float64), and writes
the same two tables as raming: `banden.csv` (P5, P10, P50, P90, P95 of baten, lasten and saldo per
gemeente/group and year, nearest rank, and the chance of a deficit) and `reserve.csv` (per year
−P10 of the saldo, and −P10 of the deepest run of consecutive deficits).

Not a copy of raming's arithmetic: floats instead of exact cents, numpy's own random numbers. It
is the same model, and `--controle saldo.csv` checks it against raming's own saldo (zero spread)
to the euro. Single-threaded: run with OPENBLAS_NUM_THREADS=1 (the bench does).

    python benches/numpy_referentie.py MAP/landelijk.toml 10000 --uit UITMAP [--controle saldo.csv]
"""

import argparse
import csv
import math
import os
import sys
import tomllib

import numpy as np

PERCENTIELEN = [5, 10, 50, 90, 95]
DOELGROEPEN = ["asiel", "gezin"]
ROUTES = {"b1", "onderwijs", "z"}
VOORZIENINGEN = ["leerroute", "map", "mb", "pvt", "tolk"]


def lees(pad):
    with open(pad, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def getal(x):
    return float(x) if x not in (None, "") else None


class Index:
    """Compound index per soort: amount × Π (1 + p/100) over the years after `van` up to `naar`."""

    def __init__(self, rijen):
        self.p = {}
        for r in rijen:
            self.p.setdefault(r["soort"], {})[int(r["jaar"])] = float(r["percentage"])

    def factor(self, soort, van, naar):
        f = 1.0
        for k in range(van + 1, naar + 1):
            f *= 1.0 + self.p.get(soort, {}).get(k, 0.0) / 100.0
        return f


def model(toml_pad):
    """Per-head rates and fixed amounts: the linear cohort model of one scenario."""
    with open(toml_pad, "rb") as f:
        sc = tomllib.load(f)
    map_ = os.path.join(os.path.dirname(toml_pad), sc["data"])
    van, tot = sc["jaren"]
    jaren = list(range(van, tot + 1))
    Y = len(jaren)
    gem = lees(os.path.join(map_, "gemeenten.csv"))
    codes = {g["code"]: i for i, g in enumerate(gem)}
    G = len(gem)
    idx = Index(lees(os.path.join(map_, "indexatie.csv")))

    # Instroom per gemeente, doelgroep and year: given years, then grown from the last one.
    groei = sc.get("instroom", {}).get("groei")
    koppen = np.zeros((G, len(DOELGROEPEN), Y))
    gegeven = {}
    for r in lees(os.path.join(map_, "instroom.csv")):
        if r.get("versie", "prognose") not in ("", "prognose"):
            continue
        gegeven.setdefault((codes[r["gemeente"]], r["doelgroep"]), {})[int(r["jaar"])] = float(
            r["aantal"]
        )
    for (g, d), reeks in gegeven.items():
        laatste = max(reeks)
        basis = reeks[laatste]
        for yi, j in enumerate(jaren):
            if j <= laatste:
                koppen[g, DOELGROEPEN.index(d), yi] = reeks.get(j, 0.0)
            elif groei is not None:
                basis *= 1.0 + float(groei) / 100.0
                koppen[g, DOELGROEPEN.index(d), yi] = basis

    # IU uitvoering: share from the maatstaven × the national budget.
    rijk = {int(r["jaar"]): float(r["bedrag"]) for r in lees(os.path.join(map_, "rijksbudget.csv"))
            if r["soort"] == "uitvoering"}
    maat = lees(os.path.join(map_, "iu_maatstaven.csv"))
    gewicht = sum(float(m["gewicht"]) for m in maat)
    aandeel = np.zeros(G)
    for m in maat:
        kolom = "inwoners" if m["maatstaf"] == "inwoners" else "niet_westers"
        w = np.array([float(g[kolom]) for g in gem])
        aandeel += float(m["gewicht"]) / gewicht * w / float(m["landelijk_totaal"])
    iu = np.outer(aandeel, [rijk.get(j, 0.0) for j in jaren])

    # Regieteams: fte × cost × wage index, split among the group's members by their IU.
    groepen = {}
    for r in lees(os.path.join(map_, "groepen.csv")):
        groepen.setdefault(r["groep"], []).append(codes[r["gemeente"]])
    formatie = np.zeros((G, Y))
    for p in lees(os.path.join(map_, "formatie.csv")):
        leden = groepen.get(p["deelnemers"], [])
        pv, pt = int(p["jaar_van"]), int(p["jaar_tot"])
        for yi, j in enumerate(jaren):
            if pv <= j <= pt:
                kosten = float(p["fte"]) * float(p["kosten_per_fte"]) * idx.factor("lonen", pv, j)
                w = iu[leden, yi]
                formatie[leden, yi] += kosten * w / w.sum()

    # Route shares: laag + t × (hoog − laag); the scenario itself uses `basis`.
    verdeling = {(r["doelgroep"], r["route"]): (float(r["laag"]), float(r["basis"]), float(r["hoog"]))
                 for r in lees(os.path.join(map_, "routeverdeling.csv"))}

    tarieven = lees(os.path.join(map_, "spuk_tarieven.csv"))

    def tarief(d, c, t, j):
        rijen = [r for r in tarieven if r["doelgroep"] == d and r["component"] == c and int(r["jaar"]) <= j]
        if not rijen:
            return None
        van_ = max(int(r["jaar"]) for r in rijen)
        for r in rijen:
            if int(r["jaar"]) == van_ and int(r["teljaar"]) == t and (r["jaar_tot"] in ("", None) or j <= int(r["jaar_tot"])):
                return float(r["bedrag"]) * idx.factor("tarieven", van_, j)
        return None

    teljaren = {d: max([int(r["teljaar"]) for r in tarieven if r["doelgroep"] == d] or [0]) for d in DOELGROEPEN}
    kosten = lees(os.path.join(map_, "kosten_per_deelnemer.csv"))

    # Rates per head of cohort y in year j, per doelgroep: baten and lasten at t = 0 (a0, l0),
    # their slope in t (a1, l1) and the scenario (basis shares) for the check.
    D = len(DOELGROEPEN)
    a0, a1, ab = (np.zeros((D, Y, Y)) for _ in range(3))
    l0, l1, lb = (np.zeros((D, Y, Y)) for _ in range(3))
    for di, d in enumerate(DOELGROEPEN):
        for yi, y in enumerate(jaren):
            for ji in range(yi, Y):
                j = jaren[ji]
                t = j - y + 1
                if t <= teljaren[d]:
                    s = sum(tarief(d, c, t, j) or 0.0 for c in VOORZIENINGEN)
                    a0[di, yi, ji] += s
                    ab[di, yi, ji] += s
            # Onderwijsroute top-up in the year of housing.
            minimum = tarief(d, "onderwijsroute", 1, y)
            if minimum is not None:
                leerroute = sum(tarief(d, "leerroute", t, y) or 0.0 for t in range(1, teljaren[d] + 1))
                aanvulling = max(0.0, minimum - leerroute)
                lo, ba, hi = verdeling.get((d, "onderwijs"), (0.0, 0.0, 0.0))
                a0[di, yi, yi] += lo / 100 * aanvulling
                a1[di, yi, yi] += (hi - lo) / 100 * aanvulling
                ab[di, yi, yi] += ba / 100 * aanvulling
        for k in kosten:
            if k["doelgroep"] != d:
                continue
            ji_ = int(k["jaar_index"])
            pp = int(k["prijspeil"]) if k.get("prijspeil") else van
            for yi, y in enumerate(jaren):
                ji = yi + ji_ - 1
                if ji >= Y:
                    continue
                bedrag = float(k["bedrag"]) * idx.factor("prijzen", pp, jaren[ji])
                if k["onderdeel"] in ROUTES:
                    lo, ba, hi = verdeling.get((d, k["onderdeel"]), (0.0, 0.0, 0.0))
                    l0[di, yi, ji] += lo / 100 * bedrag
                    l1[di, yi, ji] += (hi - lo) / 100 * bedrag
                    lb[di, yi, ji] += ba / 100 * bedrag
                else:
                    l0[di, yi, ji] += bedrag
                    lb[di, yi, ji] += bedrag

    # Per gemeente: rates × its cohorts → [G, Y(cohort), Y(year)].
    per_g = lambda r: np.einsum("gdy,dyj->gyj", koppen, r)
    ent = {
        "naam": [g["naam"] for g in gem] + list(groepen),
        "vast_b": iu, "vast_l": formatie,
        "b0": per_g(a0), "b1": per_g(a1), "bb": per_g(ab),
        "l0": per_g(l0), "l1": per_g(l1), "lb": per_g(lb),
    }
    # Groups: sums over their members.
    for k in ("vast_b", "vast_l", "b0", "b1", "bb", "l0", "l1", "lb"):
        ent[k] = np.concatenate([ent[k]] + [ent[k][leden].sum(axis=0)[None] for leden in groepen.values()])
    return sc, jaren, ent


def phi(z):
    """Standard normal CDF (Abramowitz–Stegun 7.1.26), vectorised."""
    x = np.abs(z) / math.sqrt(2.0)
    t = 1.0 / (1.0 + 0.3275911 * x)
    y = 1.0 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * np.exp(-x * x)
    return np.where(z >= 0, 0.5 * (1.0 + y), 0.5 * (1.0 - y))


def trek(sc, Y, n):
    r = sc.get("risico", {})
    rng = np.random.default_rng(int(r.get("zaad", 1)))
    rho = float(r.get("correlatie", 0.0))
    z = rng.standard_normal((Y, n))
    for y in range(1, Y):
        z[y] = rho * z[y - 1] + math.sqrt(1 - rho * rho) * z[y]
    ins = r.get("instroom")
    if ins is None:
        f = np.ones((Y, n))
    elif ins["verdeling"] == "driehoek":
        lo, mo, hi = float(ins["laag"]), float(ins["modus"]), float(ins["hoog"])
        u = phi(z)
        c = (mo - lo) / (hi - lo)
        f = np.where(u < c, lo + np.sqrt(u * (hi - lo) * (mo - lo)), hi - np.sqrt((1 - u) * (hi - lo) * (hi - mo)))
    else:
        f = np.exp(float(ins["sigma"]) * z)
    t = rng.random(n) if r.get("routeverdeling") else np.zeros(n)
    return f, t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("scenario")
    ap.add_argument("trekkingen", type=int)
    ap.add_argument("--uit", required=True)
    ap.add_argument("--controle")
    a = ap.parse_args()
    sc, jaren, ent = model(a.scenario)
    Y, n = len(jaren), a.trekkingen
    if a.controle:
        b = ent["vast_b"] + ent["bb"].sum(axis=1)
        l = ent["vast_l"] + ent["lb"].sum(axis=1)
        saldo = {}
        for r in lees(a.controle):
            saldo[(r["gemeente"], int(r["jaar"]))] = float(r["saldo"])
        verschil = max(abs((b[e, yi] - l[e, yi]) - saldo[(naam, j)])
                       for e, naam in enumerate(ent["naam"]) for yi, j in enumerate(jaren))
        print(f"grootste verschil met raming's saldo (nul spreiding): {verschil:.2f} euro")
        return
    f, t = trek(sc, Y, n)
    ft = f * t
    E = len(ent["naam"])
    os.makedirs(a.uit, exist_ok=True)
    banden, reserve = [], []
    # Chunks of entities so that a chunk's arrays stay at about 32 MB.
    stuk = max(1, 4_000_000 // (Y * n))
    for e0 in range(0, E, stuk):
        s = slice(e0, min(E, e0 + stuk))
        # [e, j, i] = vast + Σ_y (f_y · rate0 + f_y t · rate1): matrix products over the cohorts.
        b = ent["vast_b"][s, :, None] + np.matmul(ent["b0"][s].transpose(0, 2, 1), f) + np.matmul(ent["b1"][s].transpose(0, 2, 1), ft)
        l = ent["vast_l"][s, :, None] + np.matmul(ent["l0"][s].transpose(0, 2, 1), f) + np.matmul(ent["l1"][s].transpose(0, 2, 1), ft)
        sa = b - l
        p = [np.percentile(x, PERCENTIELEN, axis=-1, method="inverted_cdf") for x in (b, l, sa)]
        kans = (sa < -0.005).mean(axis=-1)
        lopend = np.zeros(sa.shape[::2])
        laagste = np.zeros(sa.shape[::2])
        for yi in range(Y):
            lopend = sa[:, yi, :] + np.minimum(lopend, 0.0)
            laagste = np.minimum(laagste, lopend)
        cum = np.maximum(0.0, -np.percentile(laagste, 10, axis=-1, method="inverted_cdf"))
        for k, e in enumerate(range(s.start, s.stop)):
            naam = ent["naam"][e]
            for yi, j in enumerate(jaren):
                for m, maat in enumerate(("baten", "lasten", "saldo")):
                    banden.append([naam, j, maat] + [f"{v:.2f}" for v in p[m][:, k, yi]]
                                  + ([f"{kans[k, yi]:.4f}"] if m == 2 else [""]))
            reserve.append([naam] + [f"{max(0.0, -v):.2f}" for v in p[2][1, k, :]] + [f"{cum[k]:.2f}"])
    with open(os.path.join(a.uit, "banden.csv"), "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["gemeente", "jaar", "maat", "p5", "p10", "p50", "p90", "p95", "kans_tekort"])
        w.writerows(banden)
    with open(os.path.join(a.uit, "reserve.csv"), "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["gemeente"] + [f"reserve_{j}" for j in jaren] + ["reserve_cumulatief"])
        w.writerows(reserve)


if __name__ == "__main__":
    sys.exit(main())
