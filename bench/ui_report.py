#!/usr/bin/env python3
"""ui_report - the table and the JSON of bench/ui.sh.

  ui_report.py RAW.jsonl OUT.json

RAW holds one JSON object per line from bench/ui.sh: ui_pty.py results
tagged kind=first80|first200|keys|less with size and bin (desk; arrow, the
desk with --arrow-cursor, keys only; before for BENCH_UI_BASELINE), the sqlite3 peer's times and the cache sizes.
Prints every figure with its peer from the same run (and the baseline
binary beside the desk when there is one) and writes them to OUT:
  {"sizes": {"<n>": {"cache_bytes_per_payment", "sqlite3_80x24_ms",
                     "sqlite3_200x60_ms",
                     "<bin>": {"first_paint_80x24_ms", "first_paint_200x60_ms",
                               "peak_rss_kb", "<key>": {p50_ms, p99_ms,
                               bytes, n}, ...}}},
   "less": {"row_scroll": {...}, "page": {...}, "peak_rss_kb"},
   "bytes_vs_less": {"<bin>": {"row_in", "row_scroll", "page"}}}
Keys: row_in (j inside the screen), row_scroll (j on the last row: the
list scrolls by one), page (PgDn), end (G), top (g), and at the largest
size detail (Enter), filter10, search (each to the frame that answers
it), customers (the key 3) and customers_end (G there).
"""
import json
import statistics
import sys

KEYS = [("row_in", "one row inside the screen (j)"),
        ("row_scroll", "one row at the bottom edge (j, scrolls)"),
        ("page", "page (PgDn)"), ("end", "end (G)"), ("top", "top (g)"),
        ("detail", "detail (Enter)"), ("back", "back (q)"),
        ("filter10", "filter status:CAPTURED (10%)"),
        ("clear", "clear the filter (Esc)"),
        ("search", "full-text search 'Invoice 4242'"),
        ("customers", "Customers pane (3)"),
        ("customers_end", "Customers pane, end (G)")]
LESS_PEER = {"row_in": "row_scroll", "row_scroll": "row_scroll",
             "page": "page"}
BIN_TITLE = {"arrow": "desk, arrow cursor"}


def load(path):
    rows = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line:
                rows.append(json.loads(line))
    return rows


def median(v):
    v = [x for x in v if x is not None]
    return round(statistics.median(v), 1) if v else None


def build(rows):
    sizes, less, bins = {}, {}, []
    for r in rows:
        kind = r.get("kind")
        if kind == "less":
            less = {k: v for k, v in r.items() if isinstance(v, dict)}
            less["peak_rss_kb"] = r.get("peak_rss_kb")
            continue
        s = sizes.setdefault(str(r["size"]), {})
        if kind == "cache":
            s["cache_bytes_per_payment"] = r["bytes"] // int(r["size"])
        elif kind == "sqlite3":
            s["sqlite3_80x24_ms"] = float(r["first80"])
            s["sqlite3_200x60_ms"] = float(r["first200"])
        else:
            b = r["bin"]
            if b not in bins:
                bins.append(b)
            d = s.setdefault(b, {})
            if kind in ("first80", "first200"):
                d.setdefault("_" + kind, []).append(r.get("first_ms"))
            elif kind == "keys":
                d["peak_rss_kb"] = r.get("peak_rss_kb")
                for k, _ in KEYS:
                    if k in r:
                        d[k] = r[k]
    for s in sizes.values():
        for b in bins:
            d = s.get(b, {})
            for kind, name in (("first80", "first_paint_80x24_ms"),
                               ("first200", "first_paint_200x60_ms")):
                if "_" + kind in d:
                    d[name] = median(d.pop("_" + kind))
    out = {"sizes": sizes, "less": less, "bytes_vs_less": {}}
    largest = max(sizes, key=int) if sizes else None
    for b in bins:
        ratio = {}
        d = sizes[largest].get(b, {}) if largest else {}
        for k, peer in LESS_PEER.items():
            if k in d and peer in less and less[peer]["bytes"]:
                ratio[k] = round(d[k]["bytes"] / less[peer]["bytes"], 2)
        out["bytes_vs_less"][b] = ratio
    return out, bins


def fmt_key(k):
    if not k or k.get("p50_ms") is None:
        return "-"
    return "%.1f / %.1f ms, %d B" % (k["p50_ms"], k["p99_ms"], k["bytes"])


def show(out, bins):
    less = out["less"]
    w = 34
    print("conomy-desk --offline in a pty at 80x24 (key to the last byte of "
          "its frame: p50 / p99, median bytes)")
    print("%-42s" % "" + "".join("%-*s" % (w, BIN_TITLE.get(b, b))
                                 for b in bins) + "peer")
    for n in sorted(out["sizes"], key=int):
        s = out["sizes"][n]
        print("%s payments (cache %s B/payment)" %
              (n, s.get("cache_bytes_per_payment", "?")))

        def line(label, cells, peer):
            print("  %-40s" % label + "".join("%-*s" % (w, c) for c in cells)
                  + peer)
        for key, title, peer in (
                ("first_paint_80x24_ms", "first paint 80x24",
                 "sqlite3 %s ms" % s.get("sqlite3_80x24_ms")),
                ("first_paint_200x60_ms", "first paint 200x60",
                 "sqlite3 %s ms" % s.get("sqlite3_200x60_ms"))):
            line(title, ["%s ms" % s[b][key] if key in s.get(b, {}) else "-"
                         for b in bins], peer)
        for k, title in KEYS:
            if not any(k in s.get(b, {}) for b in bins):
                continue
            p = less.get(LESS_PEER.get(k, ""))
            what = "a page" if k == "page" else "one line"
            peer = ("less -S %s: %s" % (what, fmt_key(p))) if p else ""
            line(title, [fmt_key(s.get(b, {}).get(k)) for b in bins], peer)
        rss = ["%.1f MB" % (s[b]["peak_rss_kb"] / 1024.0)
               if s.get(b, {}).get("peak_rss_kb") else "-" for b in bins]
        lr = less.get("peak_rss_kb")
        line("peak RSS after browsing", rss,
             "less %.1f MB" % (lr / 1024.0) if lr else "")
    for b in bins:
        r = out["bytes_vs_less"].get(b, {})
        print("bytes per move against less's one-line scroll (%s): %s" %
              (b, ", ".join("%s %.2fx" % kv for kv in r.items()) or "-"))


def main():
    rows = load(sys.argv[1])
    out, bins = build(rows)
    show(out, bins)
    with open(sys.argv[2], "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print("  written to %s" % sys.argv[2])


if __name__ == "__main__":
    main()
