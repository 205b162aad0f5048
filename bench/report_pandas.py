#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The monthly cost review's aggregation done with pandas, for
bench-report: reads the same tables with the sqlite3 module into
DataFrames and computes spend by canteen (largest remainder for recorded
purchases, as jicai does), category and item, MoM/YoY and the exact
price/volume/new/dropped decomposition.  Prints its own timing, reads
included, interpreter start and imports excluded.

    python3 bench/report_pandas.py DB YYYY-MM
"""
import sqlite3
import sys
import time
from fractions import Fraction

import pandas as pd


def month_range(y, m):
    ny, nm = (y + 1, 1) if m == 12 else (y, m + 1)
    return f"{y:04d}-{m:02d}-01", f"{ny:04d}-{nm:02d}-01"


def round_half_away(fr):
    a = abs(fr)
    q = (a.numerator * 2 + a.denominator) // (2 * a.denominator)
    return -q if fr < 0 else q


def main():
    path, month = sys.argv[1], sys.argv[2]
    t0 = time.perf_counter()
    y, m = int(month[:4]), int(month[5:7])
    periods = {"m": (y, m), "mom": (y - 1, 12) if m == 1 else (y, m - 1), "yoy": (y - 1, m)}
    con = sqlite3.connect(path)
    lines = {}
    for key, (py, pm) in periods.items():
        lo, hi = month_range(py, pm)
        df = pd.read_sql_query(
            "SELECT l.delivery_date AS date, l.item_id, i.code, c.name AS category, "
            "l.purchase_milli, l.price_milliyuan, l.cost_fen, p.qty_milli AS aq, p.cost_fen AS ac "
            "FROM plan_lines l JOIN items i ON i.id = l.item_id "
            "JOIN categories c ON c.id = i.category_id "
            "LEFT JOIN purchases p ON p.delivery_date = l.delivery_date AND p.item_id = l.item_id "
            "WHERE l.delivery_date >= ? AND l.delivery_date < ?", con, params=(lo, hi))
        has_actual = df["aq"].notna()
        has_price = df["price_milliyuan"].notna()
        df["c"] = df["ac"].where(has_actual, df["cost_fen"].where(has_price, 0)).astype("int64")
        df["q"] = df["aq"].where(has_actual, df["purchase_milli"].where(has_price, 0)).astype("int64")
        df["has_actual"] = has_actual
        lines[key] = df
    lo, hi = month_range(*periods["m"])
    shares = pd.read_sql_query(
        "SELECT s.delivery_date AS date, s.item_id, c.code AS canteen, s.qty_milli, s.share_fen "
        "FROM plan_shares s JOIN canteens c ON c.id = s.canteen_id "
        "WHERE s.delivery_date >= ? AND s.delivery_date < ?", con, params=(lo, hi))

    cur = lines["m"]
    spend = int(cur["c"].sum())
    by_category = cur.groupby("category")["c"].sum()
    days = cur.groupby("date")["has_actual"].all()
    provisional = int((~days).sum())

    # by canteen: stored shares where nothing was bought, else the actual
    # cost split by the largest remainder (ties: canteen code)
    s = shares.merge(cur[["date", "item_id", "c", "has_actual"]], on=["date", "item_id"])
    s["w"] = s.groupby(["date", "item_id"])["qty_milli"].transform("sum")
    prod = s["c"] * s["qty_milli"]
    s["fl"] = prod // s["w"]
    s["rem"] = prod % s["w"]
    s["left"] = s["c"] - s.groupby(["date", "item_id"])["fl"].transform("sum")
    s = s.sort_values(["date", "item_id", "rem", "canteen"], ascending=[True, True, False, True])
    s["rank"] = s.groupby(["date", "item_id"]).cumcount()
    s["alloc"] = s["fl"] + (s["rank"] < s["left"]).astype("int64")
    s["share"] = s["alloc"].where(s["has_actual"], s["share_fen"])
    by_canteen = s.groupby("canteen")["share"].sum()

    items = {k: df.groupby("item_id")[["c", "q"]].sum() for k, df in lines.items()}
    out = {"spend": spend, "provisional_days": provisional,
           "canteens": len(by_canteen), "categories": len(by_category)}
    for key in ("mom", "yoy"):
        if len(lines[key]) == 0:
            out[key] = None
            continue
        base = int(lines[key]["c"].sum())
        i0, i1 = items[key], items["m"]
        j = i0.join(i1, how="outer", lsuffix="0", rsuffix="1").fillna(0)
        common = (j["q0"] > 0) & (j["q1"] > 0)
        jc = j[common]
        vol = sum((Fraction(int(c0) * int(q1 - q0), int(q0))
                   for c0, q0, q1 in zip(jc["c0"], jc["q0"], jc["q1"])), Fraction(0))
        volume = round_half_away(vol)
        price = int(jc["c1"].sum() - jc["c0"].sum()) - volume
        new = int(j.loc[~common, "c1"].sum())
        dropped = -int(j.loc[~common, "c0"].sum())
        lasp = (jc["c1"] / jc["q1"] * jc["q0"]).sum() / jc["c0"].sum()
        paas = jc["c1"].sum() / (jc["c0"] / jc["q0"] * jc["q1"]).sum()
        out[key] = {"base": base, "change": spend - base, "price": price, "volume": volume,
                    "new": new, "dropped": dropped, "laspeyres": round(lasp, 6),
                    "paasche": round(paas, 6)}
    ms = (time.perf_counter() - t0) * 1000
    print(out)
    print(f"pandas_ms={ms:.1f}")


if __name__ == "__main__":
    main()
