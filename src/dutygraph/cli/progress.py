"""`dutygraph build plan q1 q3`: a plan with its progress reports (thin, over
dutygraph.progress_build)."""

from __future__ import annotations

import click


def is_year_build(sources: tuple[str, ...], store: str | None) -> bool:
    """Whether SOURCES are a plan and its progress reports (several files, no --store)."""
    from dutygraph.progress_build import progress_sources

    return store is None and len(sources) > 1 and bool(progress_sources(sources))


def build_year_command(sources, output_dir, **options) -> None:
    """Build the plan and its reports, write the files, say what each report gave."""
    from dutygraph.cli.common import user_errors
    from dutygraph.progress_build import build_year_and_write

    with user_errors():
        year, written = build_year_and_write(sources, output_dir, **options)
    report = year.plan.report
    click.echo(f"Read {report.source}: {report.tasks} tasks, {report.assignments} "
               "assignments.", err=True)
    for outcome in year.reports:
        document = outcome.document
        linked = sum(link.task is not None for link in outcome.links)
        statuses = {}
        for item in document.items:
            name = item.status.notation if item.status else "none"
            statuses[name] = statuses.get(name, 0) + 1
        said = ", ".join(f"{name} {count}" for name, count in statuses.items())
        click.echo(f"Read {document.path} ({document.period.label}): {len(document.items)} "
                   f"items, {linked} linked to a task, {len(document.items) - linked} "
                   f"unlinked (kept); statuses: {said}.", err=True)
    if year.plan.validation is not None:
        click.echo(f"Validated against the SHACL shapes: {year.plan.validation.summary()}.",
                   err=True)
    for path in written:
        click.echo(f"Wrote {path}", err=True)
