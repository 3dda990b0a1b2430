"""The `kg` command: a thin click layer over plain functions that the tests call directly.

Each command parses its options, calls one library function and prints its result; user mistakes
become `click.ClickException` with a sentence a person can act on.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import paths

DEFAULT_OUT = Path("output")


class Refused(click.ClickException):
    """A command that cannot do its job as asked (an output it cannot write, a query it does not run, a
    query that would reach the network): one line, exit code 2, nothing written; the message says what
    to do instead."""

    exit_code = 2


def graph_option(f):
    """`--graph FILE`: the built graph that query/viz/export/eval/explain read."""
    return click.option(
        "--graph", "graph_path", type=click.Path(path_type=Path), default=DEFAULT_OUT / "kg.ttl",
        show_default=True, help="Graph built by `kg build`.")(f)


def writable_or_refuse(path: Path, folder: bool = True) -> None:
    """Refuse, before any work is done, an output that cannot be written: a folder that is a file (or a
    file that is a folder), a path under a file, a folder without write permission."""
    path = Path(path)
    if folder and path.exists() and not path.is_dir():
        raise Refused(f"{path} is a file, not a folder: name a folder with -o.")
    if not folder and path.is_dir():
        raise Refused(f"{path} is a folder: name a file with -o.")
    existing = path if folder and path.is_dir() else path.parent
    while not existing.exists() and existing != existing.parent:  # the nearest folder that exists
        existing = existing.parent
    if not existing.is_dir():
        raise Refused(f"{path}: cannot write there, {existing} is a file.")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise Refused(f"{path}: cannot write there, {existing} is not writable.")


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file (spelt differently, or through a link)."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # one does not exist
        return Path(a).resolve() == Path(b).resolve()


def cannot_write(exc: OSError, target: Path) -> Refused:
    """An OSError met while writing `target`, as the one line a person can act on."""
    return Refused(f"{target}: cannot write it: {why_not(exc)}; nothing was replaced.")


def why_not(exc: OSError) -> str:
    """`Permission denied (at PATH)`: the reason and the path the system refused, on one line."""
    reason = exc.strerror or " ".join(str(exc).split())
    return f"{reason} (at {exc.filename})" if exc.filename else reason


def load_graph_or_fail(graph_path: Path, progress=None):
    """The graph at `graph_path`; `progress(stage, done, total)` hears "read graph" start and end (the
    slow part of viz, export and explain on a large graph)."""
    from .graph import load

    if not graph_path.exists():
        raise click.ClickException(
            f"{graph_path} does not exist: run `kg build` first, or name a graph with --graph.")
    if progress:
        progress("read graph", 0, 1)
    try:
        g = load(graph_path)
    except Exception as exc:  # a parse error names the file; the parser names line and column
        raise click.ClickException(f"{graph_path}: cannot read the graph: {exc}")
    if progress:
        progress("read graph", 1, 1)
    return g


def credential_options(f):
    """`--user` and `--password` for a server that asks for them (basic or digest authentication); the
    environment variables keep the password out of the process list and the shell history."""
    f = click.option("--password", envvar="KG_ENDPOINT_PASSWORD", show_envvar=True, default=None,
                     help="Password for --user (better given by the environment variable).")(f)
    return click.option("--user", envvar="KG_ENDPOINT_USER", show_envvar=True, default=None,
                        help="User name, when the server asks for one.")(f)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tongliao-kg")
def cli():
    """Turn Chinese news about investment projects into a knowledge graph.

    \b
    Typical use:
        kg build seeds/            # articles -> output/kg.ttl and output/views/
        kg query largest-projects  # a question from queries/
        kg explain 开鲁县           # everything known about one entity
    """


@cli.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path), default=DEFAULT_OUT,
              show_default=True, help="Folder to write kg.ttl, resolution.json and views/ into.")
@click.option("--no-views", is_flag=True, help="Skip writing the HTML views.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the summary, no progress.")
@click.option("--model", "model_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder of trained name models (default: ontology/models/, see `kg train`).")
@click.option("--rules-only", is_flag=True, help="Do not use the learned name layer.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Extraction processes (default: every core; small inputs use one).")
@click.option("--cache", "cache_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder of cached extraction results (default: .cache/ in the output folder).")
@click.option("--no-cache", is_flag=True, help="Extract every article again; read and write no cache.")
@click.option("--scheduler", metavar="ADDRESS",
              help="Extract on a Dask cluster: its scheduler (tcp://host:8786), or 'local' for --jobs workers here.")
def build(inputs, out_dir, no_views, quiet, model_dir, rules_only, jobs, cache_dir, no_cache, scheduler):
    """Build the knowledge graph from articles (files or folders; default: seeds/).

    Reads .txt and .html files (UTF-8, UTF-16 with BOM, GB18030), writes the graph as Turtle,
    a resolution report and the HTML views. Exits 1 if any input was skipped (an article file that
    cannot be read, or a file named here that is not read, such as a PDF) or the graph fails
    validation; the other documents are still built. Other files found in a folder (.md, .pdf, ...)
    are listed as "not read" with the reason, and do not change the exit code. When no article can be
    read, nothing is written and the previous outputs stay. An output folder that cannot be written is
    refused before any article is read (exit 2).

    Reposts of one article (the same text, or nearly, on another site) are one document with every place it
    was published. Each article's extraction is cached by content hash (in .cache/ of the output folder, or
    --cache DIR): a rebuild extracts only new or changed articles, and everything again after a change to
    the extractor's code, patterns or model.

    With --scheduler the articles are extracted by the workers of a Dask cluster (each needs kg and
    dask[distributed] installed); the graph is the same, byte for byte, as a local build's.

    \b
    Example:
        kg build seeds/ more-articles/ -o output/
        kg build big-corpus/ -o output/ --cache /var/cache/kg
        kg build big-corpus/ --scheduler tcp://10.0.0.5:8786
    """
    from .cluster import ClusterError
    from .pipeline import NothingToBuild, OutputError
    from .pipeline import build as run_build
    from .report import print_build_report, progress_printer

    from .learn.tagger import NameTagger
    from .paths import MODEL_DIR

    if not inputs:
        inputs = (Path("seeds"),)
    for p in inputs:
        if not p.exists():
            raise click.ClickException(f"{p}: no such file or folder.")
    if model_dir is not None and not NameTagger.available(model_dir):
        raise click.ClickException(f"{model_dir}: no trained name models there (names-*.crfsuite and names.json); "
                                   "run `kg train --out` into it, or drop --model.")
    writable_or_refuse(out_dir)
    if cache_dir is not None and not no_cache:
        writable_or_refuse(cache_dir)
    models = None if rules_only else (model_dir or MODEL_DIR)
    try:
        with progress_printer(enabled=not quiet) as progress:
            report = run_build(inputs, out_dir, progress=progress, views=not no_views, model_dir=models, jobs=jobs,
                               cache_dir=False if no_cache else (cache_dir or True), scheduler=scheduler)
    except ClusterError as exc:
        raise Refused(str(exc))
    except NothingToBuild as exc:
        for line in exc.problems:  # as the build summary lists them
            click.echo(f"{'not read' if line.ignored else 'skipped'}: {line}", err=True)
        raise click.ClickException(str(exc))
    except OutputError as exc:
        raise Refused(str(exc))
    print_build_report(report)
    if report.skipped or report.validation:
        sys.exit(1)


@cli.command()
@click.argument("query", required=False)
@graph_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="Output format.")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a query variable (?NAME) to a value; repeatable. Values are bound, never pasted.")
@click.option("--allow-service", is_flag=True,
              help="Let a SERVICE clause query a remote endpoint (kg runs offline: refused by default).")
@click.option("--endpoint", metavar="URL",
              help="Run the query on this SPARQL endpoint (kg serve's, or any SPARQL 1.1 server) instead of --graph.")
@credential_options
@click.option("--list", "list_queries", is_flag=True, help="List every query with its question and parameters.")
def query(query, graph_path, fmt, params, allow_service, endpoint, user, password, list_queries):
    """Run a SPARQL query: a name from queries/ or a path to any .rq file.

    SELECT prints rows; ASK prints yes or no; CONSTRUCT and DESCRIBE print Turtle (one row per
    triple with --format csv or json). Updates (INSERT, DELETE, DROP…) are refused, never run.
    A query that calls a remote endpoint (SERVICE) is refused (exit 2) unless --allow-service is given.
    With --endpoint the query runs on that server (parameters are written into the query as RDF
    terms, escaped); an unreachable server or an HTTP error is one line, exit 2.

    \b
    Examples:
        kg query --list
        kg query investment-by-chain
        kg query company-projects --param company=集团
        kg query my.rq --format csv > rows.csv
        kg query largest-projects --endpoint http://127.0.0.1:7878/query
    """
    from . import query as q

    if list_queries:
        from .find import query_list

        click.echo(query_list(), nl=False)
        return
    if not query:
        raise click.UsageError("name a query (kg query --list shows them) or a .rq file.")

    bindings = {}
    for p in params:
        name, sep, value = p.partition("=")
        if not sep or not name:
            raise click.ClickException(f"--param {p!r}: write it as NAME=VALUE.")
        bindings[name.lstrip("?$")] = value
    try:
        remote = None
        if endpoint:
            from .endpoint import Client, RemoteEngine

            remote = RemoteEngine(endpoint, Client(user, password))
        text = q.run_and_format(query, graph_path, bindings, fmt, allow_service=allow_service, endpoint=remote)
    except q.QueryRefused as exc:
        raise Refused(str(exc))
    except q.QueryError as exc:
        raise click.ClickException(str(exc))
    click.echo(text, nl=not text.endswith("\n"))


@cli.command()
@graph_option
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path), default=DEFAULT_OUT / "views",
              show_default=True, help="Folder for the HTML pages.")
@click.option("--focus", metavar="NAME", help="Also write a view centred on this entity.")
@click.option("--depth", type=click.IntRange(1, 5), default=2, show_default=True,
              help="Hops around --focus.")
@click.option("--clear-focus", is_flag=True, help="Drop the focus pages earlier runs wrote into the folder.")
@click.option("-q", "--quiet", is_flag=True, help="No progress.")
def viz(graph_path, out_dir, focus, depth, clear_focus, quiet):
    """Write the interactive HTML views (work offline; open index.html).

    The folder is replaced whole once every page is written, so no page of an earlier graph
    stays behind; a folder holding other files is refused. Focus pages of earlier runs into the
    same folder are kept, drawn again from this graph (one page per entity), unless --clear-focus.

    \b
    Examples:
        kg viz
        kg viz --focus 开鲁县 --depth 2
    """
    from . import views
    from .report import progress_printer

    writable_or_refuse(out_dir)
    with progress_printer(enabled=not quiet) as progress:
        g = load_graph_or_fail(graph_path, progress)
        try:
            written = views.write_views(g, out_dir, focus=focus, depth=depth, keep_focus=not clear_focus,
                                        progress=progress)
        except views.ViewError as exc:
            raise click.ClickException(str(exc))
        except OSError as exc:
            raise cannot_write(exc, out_dir)
    for page in written:
        click.echo(str(page))


@cli.command()
@graph_option
@click.option("--format", "fmt", type=click.Choice(["ttl", "trig", "jsonld", "nt", "csv", "graphml", "gexf"]),
              default="ttl", show_default=True, help="Export format; csv writes a folder of tables.")
@click.option("-o", "--out", "out_path", type=click.Path(path_type=Path),
              help="File to write (a folder for csv); default: output/export/kg.<ext>, or output/export/tables/ "
                   "for csv. Never the graph being exported.")
@click.option("--english", is_flag=True,
              help="csv: add label_en and label_en_source (official or transliteration) to projects and companies.")
@click.option("-q", "--quiet", is_flag=True, help="No progress.")
def export(graph_path, fmt, out_path, english, quiet):
    """Export the graph for other tools (GraphDB, Jena, Protégé, Gephi, spreadsheets).

    Writes output/export/kg.<ext> unless told otherwise with -o; a path onto the graph being
    exported (--graph) is refused, as is one that cannot be written (exit 2).

    \b
    Examples:
        kg export --format trig -o kg.trig      # one named graph per article
        kg export --format csv -o tables/       # projects.csv, companies.csv, figures.csv
        kg export --format csv --english        # with the English names (pinyin where none is official)
    """
    from . import export as ex
    from .report import progress_printer

    for target in ex.files_written(fmt, out_path):
        if same_file(target, graph_path):
            raise Refused(f"{out_path or target} is the graph being exported ({graph_path}): name another file "
                          "with -o.")
    writable_or_refuse(ex.destination(fmt, out_path), folder=fmt == "csv")
    with progress_printer(enabled=not quiet) as progress:
        g = load_graph_or_fail(graph_path, progress)
        try:
            written = ex.export(g, fmt, out_path, progress=progress, english=english)
        except OSError as exc:
            raise cannot_write(exc, ex.destination(fmt, out_path))
    for p in written:
        click.echo(str(p))


@cli.command("eval")
@click.option("--gold", "gold_path", type=click.Path(exists=True, path_type=Path), required=True,
              help="Gold answers (JSON, see shared/gold/README.md).")
@graph_option
@click.option("--misses", is_flag=True, help="List missed and spurious entities and figures.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_cmd(gold_path, graph_path, misses, as_json):
    """Score the built graph against gold answers: precision, recall, F1.

    \b
    Example:
        kg build seeds && kg eval --gold ../shared/gold/seeds.json --misses
    """
    from . import evaluate

    g = load_graph_or_fail(graph_path)
    try:
        result = evaluate.evaluate(g, gold_path)
    except evaluate.GoldError as exc:
        raise click.ClickException(str(exc))
    click.echo(evaluate.format_report(result, misses=misses, as_json=as_json))


@cli.command()
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder for the models (default: ontology/models/, which builds use).")
@click.option("--exclude", multiple=True, metavar="SET",
              help="Leave a training set out (a folder name under tests/data/real/, dev or holdout*); repeatable.")
@click.option("-q", "--quiet", is_flag=True, help="No progress.")
def train(out_dir, exclude, quiet):
    """Train the learned name layer and the attachment model from the gold files.

    Reads every real set under tests/data/real/ (except the locked ones) and the invented sets
    (dev, holdout*), never the seeds; fits one CRF per kind of name (projects, companies, parks), then
    the attachment model (which company builds which project) on the pairs the new name models give,
    and writes them with manifests. Deterministic: the same gold files give the same model bytes.

    \b
    Example:
        kg train                      # rebuild ontology/models/
        kg train --out /tmp/m --exclude r1 && kg build --model /tmp/m r1-texts/
    """
    from .learn import attach_train, corpora, train as tr
    from .paths import MODEL_DIR
    from .report import progress_printer

    sets = [c for c in corpora.training_corpora() if c.name not in exclude]
    unknown = set(exclude) - {c.name for c in corpora.training_corpora()}
    if unknown:
        raise click.ClickException(f"--exclude {', '.join(sorted(unknown))}: no such training set.")
    if not sets:
        raise click.ClickException("no training sets: tests/data/real/ and tests/data/ hold none.")
    out_dir = out_dir or MODEL_DIR
    with progress_printer(enabled=not quiet) as progress:
        info = tr.fit(tr.examples(sets, progress=progress), out_dir, progress=progress)
        pairs = attach_train.examples([(c, None) for c in sets], out_dir, progress=progress)
        attached = attach_train.fit(pairs, out_dir)
    click.echo(f"Trained {out_dir}: {info['articles']} articles ({info['characters']} characters) from "
               f"{', '.join(info['corpora'])}; spans " + ", ".join(f"{k} {v}" for k, v in info["spans"].items())
               + "; seconds " + ", ".join(f"{k} {v}" for k, v in info["seconds"].items())
               + f"; attachment model on {attached['pairs']} project-company pairs ({attached['positive']} linked).")


@cli.command()
@click.argument("name")
@graph_option
@click.option("-q", "--quiet", is_flag=True, help="No progress.")
def explain(name, graph_path, quiet):
    """Print everything known about an entity, each fact with its quote and source.

    \b
    Example:
        kg explain 霍林郭勒市
    """
    from . import explain as ex
    from .report import progress_printer

    with progress_printer(enabled=not quiet) as progress:
        g = load_graph_or_fail(graph_path, progress)
        if progress:
            progress("explain", 0, 1)
        try:
            text = ex.explain(g, name)
        except ex.NotFound as exc:
            raise click.ClickException(str(exc))
        if progress:
            progress("explain", 1, 1)
    click.echo(text)


@cli.command()
@click.argument("graph", required=False, type=click.Path(path_type=Path), default=DEFAULT_OUT)
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True, help="Port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; 0.0.0.0 lets other machines query it.")
@click.option("--writable", is_flag=True,
              help="Accept SPARQL updates and Graph Store writes (into a temporary copy; the graph file is never "
                   "changed).")
@click.option("--cors", is_flag=True, help="Let pages from other sites (a YASGUI elsewhere) query it.")
@click.option("-q", "--quiet", is_flag=True, help="No progress.")
def serve(graph, port, host, writable, cors, quiet):
    """Serve the graph as a SPARQL 1.1 endpoint (Oxigraph server), with a query page for the browser.

    GRAPH is an output folder of `kg build` (its kg.ttl) or a graph file (.ttl, .trig, .nt, .nq);
    default output/. Each article is a named graph, the rest the reference graph, and the default
    graph is their union, so every query of queries/ answers as `kg query` does. Read-only unless
    --writable; loopback only unless --host says otherwise. Ctrl-C stops the server and removes its
    temporary store. A port already taken is refused in one line (exit 2).

    \b
    Examples:
        kg serve                                   # http://127.0.0.1:7878/query
        kg serve output/ --port 8000
        kg query largest-projects --endpoint http://127.0.0.1:7878/query
        curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * {?s ?p ?o} LIMIT 5' http://127.0.0.1:7878/query
    """
    from . import serve as sv
    from .dataset import DatasetError
    from .report import progress_printer

    try:
        sv.oxigraph_binary()
        with progress_printer(enabled=not quiet) as progress:
            served = sv.start(graph, host=host, port=port, writable=writable, progress=progress, cors=cors)
    except DatasetError as exc:
        raise click.ClickException(str(exc))
    except sv.ServeError as exc:
        raise Refused(str(exc))
    def announce():
        mode = "writable (a temporary copy: changes end with the server)" if writable else "read-only"
        click.echo(f"Serving {sv.dataset.graph_file(graph)}: {served.graphs} graphs, {served.triples:,} triples, "
                   f"{mode}.")
        click.echo(f"SPARQL endpoint:   {served.query_url}")
        if writable:
            click.echo(f"SPARQL update:     {served.update_url}")
        click.echo(f"Graph Store:       {served.store_url}")
        click.echo(f"Query page:        {served.base}/")
        if sv.exposed(host):
            click.echo(f"warning: listening on {host}: anyone who can reach this machine can query"
                       + (" and change" if writable else "") + " the graph.", err=True)
        click.echo("Ctrl-C stops the server.")

    code = sv.run_until_stopped(served, announce)
    if code:
        raise click.ClickException(f"the Oxigraph server stopped with exit code {code}.")
    click.echo("Stopped.", err=True)


@cli.command()
@click.argument("graph", required=False, type=click.Path(path_type=Path), default=DEFAULT_OUT)
@click.option("--endpoint", metavar="URL", required=True,
              help="The store's SPARQL query endpoint (to check what it holds).")
@click.option("--graph-store", metavar="URL",
              help="The store's Graph Store Protocol URL; guessed for Oxigraph, Virtuoso and Fuseki.")
@credential_options
@click.option("--batch", type=click.IntRange(min=1), default=20_000, show_default=True,
              help="Triples per request.")
@click.option("--force", is_flag=True, help="Push every graph, even those the store's push record lists unchanged.")
@click.option("-q", "--quiet", is_flag=True, help="No progress.")
def push(graph, endpoint, graph_store, user, password, batch, force, quiet):
    """Load the graph into a SPARQL 1.1 store (Graph Store Protocol): one named graph per article
    and a reference graph, each replaced whole when pushed again.

    GRAPH is an output folder of `kg build` or a graph file; default output/. After each group of
    graphs the store is asked how many triples it holds; the push record graph
    <https://tongliao-kg.org/id/graph/push> lists the graphs in place and says "complete" only when
    all are. A failed batch is one line; the push goes on with the other graphs and exits 2. Run the
    same command again to recover: graphs already in place are skipped, the others replaced.

    \b
    Examples:
        kg push --endpoint http://127.0.0.1:7878/query                 # an Oxigraph server
        KG_ENDPOINT_PASSWORD=… kg push --endpoint http://host:8890/sparql --user dba   # Virtuoso
        kg push --endpoint http://host:3030/kg/sparql --graph-store http://host:3030/kg/data   # Fuseki
    """
    from . import push as pu
    from .dataset import DatasetError
    from .endpoint import Client, EndpointError, check_url
    from .query import QueryError
    from .report import progress_printer

    try:
        check_url(endpoint)
        if graph_store:
            check_url(graph_store)
        with progress_printer(enabled=not quiet) as progress:
            report = pu.push(graph, endpoint, graph_store, Client(user, password), batch=batch, force=force,
                             progress=progress)
    except DatasetError as exc:
        raise click.ClickException(str(exc))
    except (EndpointError, QueryError) as exc:
        raise Refused(str(exc))
    for line in report.failures:
        click.echo(f"failed: {line}", err=True)
    click.echo(f"Pushed {len(report.pushed)} graphs ({report.triples:,} triples, {report.batches} requests) to "
               f"{report.graph_store}; {len(report.skipped)} unchanged, skipped.")
    if report.elsewhere:
        click.echo(f"{len(report.elsewhere)} graphs in the store come from articles not in this graph; kept.")
    if not report.complete:
        raise Refused(f"{len(report.failures)} failures: the push record says incomplete and lists only the graphs "
                      "in place; run the same command again to push the rest.")
    click.echo("The push record says complete.")


@cli.command()
@click.argument("text")
@graph_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="Output format.")
def find(text, graph_path, fmt):
    """List the entities whose name contains TEXT, with their type, IRI and number of sources.

    Matches any Chinese name (official, short, former), the official English name and the pinyin
    transliteration, ignoring case; the most mentioned first. `kg explain NAME` then tells all about one.

    \b
    Examples:
        kg find 奈曼
        kg find horqin --format csv
    """
    from . import query as q

    try:
        text_out = q.run_and_format("find", graph_path, {"text": text}, fmt)
    except q.QueryError as exc:
        raise click.ClickException(str(exc))
    click.echo(text_out, nl=not text_out.endswith("\n"))


def main():  # pragma: no cover - console entry point
    cli()
