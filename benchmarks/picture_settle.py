"""How long the collaboration picture takes to open and settle in Chromium, at 90, 500 and
1,500 units (measuring only).

The collaboration is synthetic, made here and deterministic from a seed: districts of about
90 units each (units collaborate within their district only, as in a corpus, where the same
bureau in two districts is two bodies), each with ten leaders and about 1.4 tasks a unit;
a task has 1-9 units, busy units more often (a long-tailed activity per unit), the first
leading; a unit left on no task joins one, so the picture has exactly the units asked for.
The page is the one `dutygraph viz` writes (dutygraph.picture.pages), tools and
ranking included; it opens from file:// in Debian's Chromium (/usr/bin/chromium, driven by
playwright, which never downloads a browser here) with the network cut off.

For each size it prints: the page's size; the seconds Python takes to make it (the network,
the ranking's betweenness, the HTML); and, median of --runs fresh tabs, the seconds from
navigation to the layout settled (physics stopped, picture fitted, labels sized: the page's
`window.dutygraph.stable`), with the physics steps the page runs from the placed start
(dutygraph.picture.layout).

    .venv/bin/python benchmarks/picture_settle.py [--sizes 90,500,1500] [--runs 3] [--json F]
"""

from __future__ import annotations

import argparse
import json
import math
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # for tests.test_browser's Chromium switches

from dutygraph.picture.network import (  # noqa: E402
    Collaboration,
    LeaderStats,
    Tie,
    UnitStats,
)
from dutygraph.picture.pages import (  # noqa: E402
    UNIT_TYPES,
    add_tools,
    collaboration_network,
    network_html,
)
from tests.test_browser import QUIET  # noqa: E402

DISTRICT = 90  # units a district, as in the seed
TYPES = [key for key in UNIT_TYPES if key]
TYPE_WEIGHTS = [40, 14, 8, 6, 8, 4, 20, 1, 3, 2, 2]  # roughly the seed's mix
UNITS_A_TASK = [1, 2, 3, 3, 4, 4, 5, 6, 7, 9]


def synthetic_collaboration(units: int, seed: int = 8) -> tuple[Collaboration, dict]:
    """A collaboration of UNITS units in districts of DISTRICT, and its ties' shares by
    leader (what dutygraph.picture.network.leader_shares gives for a real graph)."""
    rng = random.Random(seed)
    tasks = []  # (leader IRI or "", [unit IRIs], lead first)
    names, types, leaders = {}, {}, {}
    for district in range(math.ceil(units / DISTRICT)):
        size = min(DISTRICT, units - district * DISTRICT)
        ids = [f"urn:syn:d{district}:u{n}" for n in range(size)]
        for n, iri in enumerate(ids):
            names[iri] = f"区{district}单位{n}局"
            types[iri] = rng.choices(TYPES, TYPE_WEIGHTS)[0]
        heads = [f"urn:syn:d{district}:l{n}" for n in range(10)]
        for n, iri in enumerate(heads):
            leaders[iri] = f"{district}号领导{n}"
        activity = [rng.paretovariate(1.3) for _ in ids]
        mine = []
        for _ in range(round(size * 1.4)):
            k = min(rng.choice(UNITS_A_TASK), size)
            chosen = []
            while len(chosen) < k:
                unit = rng.choices(ids, activity)[0]
                if unit not in chosen:
                    chosen.append(unit)
            mine.append((rng.choice(heads) if rng.random() > 0.1 else "", chosen))
        idle = set(ids) - {unit for _, units in mine for unit in units}
        for unit in sorted(idle):  # every unit is on a task, so the picture has UNITS units
            rng.choice(mine)[1].append(unit)
        tasks += mine
    return _counted(tasks, names, types, leaders)


def _counted(tasks, names, types, leaders) -> tuple[Collaboration, dict]:
    """The Collaboration the tasks make, counted as the network queries count."""
    on, lead, pairs, charge, under, shares = (Counter(), Counter(), Counter(), Counter(),
                                              Counter(), {})
    for leader, units in tasks:
        on.update(units)
        lead[units[0]] += 1
        if leader:
            charge[leader] += 1
            under.update((leader, unit) for unit in units)
        for a in units:
            for b in units:
                if a < b:
                    pairs[a, b] += 1
                    if leader:
                        share = shares.setdefault((a, b), {})
                        share[leader] = share.get(leader, 0) + 1
    stats = {i: UnitStats(i, names[i], types[i], on[i], lead[i]) for i in on}
    ties = [Tie(a, b, n) for (a, b), n in pairs.items()]
    heads = {i: LeaderStats(i, leaders[i], n) for i, n in charge.items()}
    leader_ties = [Tie(leader, unit, n) for (leader, unit), n in under.items()]
    return Collaboration(stats, ties, heads, leader_ties, "合成数据"), shares


def page_of(units: int, folder: Path) -> tuple[Path, float, int, int]:
    """The picture's page for a synthetic collaboration: path, seconds to make, nodes, edges."""
    collab, shares = synthetic_collaboration(units)
    start = time.perf_counter()
    net = add_tools(collaboration_network(collab), collab, shares, "collaboration")
    html = network_html(net)
    seconds = time.perf_counter() - start
    path = folder / f"picture-{units}.html"
    path.write_text(html, encoding="utf-8")
    return path, seconds, net.num_nodes(), net.num_edges()


def open_and_settle(browser, path: Path, shots: Path | None = None) -> tuple[float, int]:
    """Seconds from navigation to the settled picture, in a fresh offline tab; iterations."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, offline=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri())
    page.wait_for_function("window.dutygraph && window.dutygraph.stable", timeout=300_000,
                           polling=50)
    settled = page.evaluate("window.dutygraph.settledAt") / 1000
    if shots:
        page.screenshot(path=str(shots / path.with_suffix(".png").name))
    iterations = page.evaluate("options.physics.stabilization.iterations")
    context.close()
    if errors:
        raise RuntimeError(f"{path.name}: {errors}")
    return settled, iterations


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="90,500,1500")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--shots", type=Path, help="a folder for a screenshot of each size")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    results = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=QUIET)
        for units in (int(s) for s in args.sizes.split(",")):
            path, made, node_count, edge_count = page_of(units, Path(tmp))
            runs = [open_and_settle(browser, path, args.shots) for _ in range(args.runs)]
            results.append({
                "units": node_count, "ties": edge_count, "page_mb": path.stat().st_size / 1e6,
                "python_s": made, "settle_s": statistics.median(r[0] for r in runs),
                "settle_runs_s": [r[0] for r in runs], "iterations": runs[0][1],
            })
        browser.close()
    _print(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


def _print(results: list[dict]) -> None:
    """The results as a table."""
    print(f"{'units':>6} {'ties':>7} {'page MB':>8} {'python s':>9} {'settle s':>9} "
          f"{'iterations':>10}  runs")
    for r in results:
        runs = " ".join(f"{s:.2f}" for s in r["settle_runs_s"])
        print(f"{r['units']:>6} {r['ties']:>7} {r['page_mb']:>8.2f} {r['python_s']:>9.2f} "
              f"{r['settle_s']:>9.2f} {r['iterations']:>10}  {runs}")


if __name__ == "__main__":
    sys.exit(main())
