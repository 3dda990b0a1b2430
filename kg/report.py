"""What `kg build` shows a person: progress on stderr while it works, a summary when done."""

from __future__ import annotations

import contextlib
import sys
from decimal import Decimal

import click

from .model import Disagreement, KnowledgeBase, Quantity

SHOWN_DISAGREEMENTS = 10  # a build of 1,000 articles finds thousands; the rest are in resolution.json


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
    if report.cached:
        click.echo(f"Extracted {report.extracted} article{'s' if report.extracted != 1 else ''}; "
                   f"{report.cached} read from the extraction cache.")
    if report.reposts:
        click.echo(f"{report.reposts} repost{'s' if report.reposts != 1 else ''} folded into the articles they copy "
                   f"(one document each, with every place it was published).")
    if report.disagreements:
        total = len(report.disagreements)
        if total > SHOWN_DISAGREEMENTS:
            click.echo(f"{total} disagreements between sources; the {SHOWN_DISAGREEMENTS} largest below, all of them "
                       f"in {report.out_dir / 'resolution.json'} (or: kg query disagreements):")
        else:
            click.echo(f"{total} disagreements between sources:")
        for line in report.disagreements[:SHOWN_DISAGREEMENTS]:
            click.echo(f"  {line}")
        if total > SHOWN_DISAGREEMENTS:
            click.echo(f"  … and {total - SHOWN_DISAGREEMENTS} more")
    for line in report.warnings:
        click.echo(f"warning: {line}", err=True)
    for line in report.not_read:
        click.echo(f"not read: {line}", err=True)
    for line in report.skipped:
        click.echo(f"skipped: {line}", err=True)
    for line in report.validation:
        click.echo(f"invalid: {line}", err=True)
    views = report.out_dir / "views" / "index.html"
    if views.exists():
        click.echo(f"Views: {views}")


def largest_first(kb: KnowledgeBase) -> list[Disagreement]:
    """The disagreements a reader should see first: the largest relative difference between the
    numbers (two different places or parks count as wholly different), then the most articles."""
    statements = {st.id: st for st in kb.statements}

    def weight(d: Disagreement) -> tuple:
        group = [statements[i] for i in d.statements if i in statements]
        numbers = [st.value.value for st in group if isinstance(st.value, Quantity)]
        high = max((abs(n) for n in numbers), default=Decimal(0))
        spread = (max(numbers) - min(numbers)) / high if numbers and high else Decimal(1)
        return -spread, -len({st.evidence.doc_id for st in group}), d.summary

    return sorted(kb.disagreements, key=weight)
