"""Discoverability: which questions the query library asks (`kg query --list`). (`kg find` and
`KnowledgeGraph.find` are the library query queries/find.rq.)"""

from __future__ import annotations

import textwrap

from . import query as q


def query_list(queries_dir=None) -> str:
    """Every query file: its name, its question, its parameters (with their meanings) and columns."""
    blocks = []
    for name in q.available(queries_dir):
        found = q.load_query(name, queries_dir)
        lines = [name]
        lines += textwrap.wrap(found.question or "(no question given)", 100, initial_indent="    ",
                               subsequent_indent="    ")
        lines.append("    parameters: " + (found.parameter_help or "none"))
        if found.columns:
            lines.append("    columns: " + ", ".join(found.columns))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"

