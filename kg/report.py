"""What `kg build` shows a person: progress on stderr while it works, a summary when done."""

from __future__ import annotations

import contextlib
import sys

import click


@contextlib.contextmanager
def progress_printer(enabled: bool = True):
    """Yield a `progress(stage, done, total)` callback drawing a rich progress bar on stderr.

    Disabled (a no-op) when asked or when stderr is not a terminal, so logs and CI stay clean.
    """
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bars = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=Console(stderr=True), transient=True)
    tasks: dict[str, int] = {}

    def update(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = bars.add_task(stage, total=total)
        bars.update(tasks[stage], completed=done, total=total)

    with bars:
        yield update


def print_build_report(report) -> None:
    """The build summary: counts first, then anything the user should look at."""
    c = report.counts
    click.echo(f"Built {report.out_dir / 'kg.ttl'} from {report.documents} documents: "
               f"{c.get('projects', 0)} projects, {c.get('companies', 0)} companies, "
               f"{c.get('parks', 0)} parks, {c.get('places', 0)} places, "
               f"{report.figures} statements, {report.aggregates} aggregate facts.")
    if report.disagreements:
        click.echo(f"{len(report.disagreements)} disagreements between sources:")
        for line in report.disagreements:
            click.echo(f"  {line}")
    for line in report.warnings:
        click.echo(f"warning: {line}", err=True)
    for line in report.skipped:
        click.echo(f"skipped: {line}", err=True)
    for line in report.validation:
        click.echo(f"invalid: {line}", err=True)
    views = report.out_dir / "views" / "index.html"
    if views.exists():
        click.echo(f"Views: {views}")
