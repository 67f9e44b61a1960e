"""The progress part of the build report: per report and period, how many tasks reported
and their statuses, every link with its evidence and every item left unlinked (progress
records + links → Markdown and JSON)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field

from dutygraph.read.progress import ProgressDocument
from dutygraph.read.progress_links import Link
from dutygraph.read.progress_vocab import STATUSES


@dataclass
class ProgressSummary:
    """One report, as the build report gives it."""

    source: str
    report_id: str
    title: str
    period: str
    period_read_from: str
    layout: str
    items: int
    tasks_reported: int  # distinct tasks of the plan the report's items link to
    statuses: dict[str, int] = field(default_factory=dict)  # notation → items; "none" unread
    links: list[dict] = field(default_factory=list)
    unlinked: list[dict] = field(default_factory=list)
    observations: int = 0
    observations_measuring_a_target: int = 0


def summarise(document: ProgressDocument, report_id: str, links: list[Link],
              measured: list[list[int | None]]) -> ProgressSummary:
    """The summary of one built report."""
    statuses = Counter(item.status.notation if item.status else "none" for item in document.items)
    summary = ProgressSummary(
        document.path, report_id, document.title,
        f"{document.year} {document.period.label} (months {document.period.first_month}–"
        f"{document.period.last_month})", document.period_place, document.layout,
        len(document.items), len({link.task for link in links if link.task}),
        {s: statuses[s] for s in (*STATUSES, "none") if statuses[s]},
        observations=sum(len(m) for m in measured),
        observations_measuring_a_target=sum(t is not None for m in measured for t in m))
    for item, link in zip(document.items, links, strict=True):
        entry = {"place": item.place.described(), "text": item.text,
                 "status": item.status.notation if item.status else None,
                 "method": link.method, "evidence": link.evidence}
        if link.task:
            summary.links.append({**entry, "task": f"{link.task[0]:02d}-{link.task[1]:02d}"})
        else:
            summary.unlinked.append(entry)
    return summary


def progress_markdown(summaries: list[ProgressSummary]) -> str:
    """The progress sections of the build report's Markdown."""
    lines = ["", "## Progress reports", "",
             "| period | report | items | tasks reported | statuses |", "|---|---|---:|---:|---|"]
    for s in summaries:
        statuses = ", ".join(f"{name} {count}" for name, count in s.statuses.items())
        lines.append(f"| {s.period} | `{s.source}` | {s.items} | {s.tasks_reported} "
                     f"| {statuses} |")
    for s in summaries:
        lines += ["", f"### {s.title or s.source}", "",
                  f"- source `{s.source}` (id `{s.report_id}`), layout `{s.layout}`; period "
                  f"{s.period}, read from {s.period_read_from}",
                  f"- {s.observations} figures read, {s.observations_measuring_a_target} "
                  "measuring a target of their task", "", "Links:", ""]
        lines += [f"- {e['place']} → task {e['task']} ({e['method']}): {e['evidence']}"
                  for e in s.links] or ["- none"]
        lines += ["", "Items linked to no task (kept in the graph, without a task):", ""]
        lines += [f"- {e['place']}: {e['text']} — {e['evidence']}" for e in s.unlinked] or \
            ["- none"]
    return "\n".join(lines) + "\n"


def progress_json(report_json: bytes, summaries: list[ProgressSummary]) -> bytes:
    """The build report's JSON with a "progress" list, one entry per report."""
    data = json.loads(report_json)
    data["progress"] = [asdict(s) for s in summaries]
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
