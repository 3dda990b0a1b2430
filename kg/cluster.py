"""Extraction on a Dask cluster: the same per-document map as kg.extract, run by Dask workers.

`kg build --scheduler ADDRESS` sends each article (a `Source`, cleaned on the worker) to the workers of a running
Dask scheduler (`tcp://host:8786`); `--scheduler local` starts a `LocalCluster` on this machine with `--jobs`
worker processes, for a try-out or a test. Every worker loads the pipeline once (lexicon, spaCy components, name
models) and keeps it for the documents it is given; the results come back in input order and are resolved and
written here exactly as a local build's, so the graph is byte-identical (tested). The workers need `kg` installed
(the same version: the ontology and models travel inside the package) and `dask[distributed]`.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable

from . import lexicon
from .extract import default_jobs, extract_document, load_pipeline
from .model import DocResult

Progress = Callable[[str, int, int], None]
CONNECT_TIMEOUT = "5s"

_loaded: dict = {}  # on a worker: (ontology dir, model dir, thresholds) -> (lexicon, pipeline)


class ClusterError(Exception):
    """The scheduler cannot be reached, or dask is not installed."""


def extract(documents: list, lex: lexicon.Lexicon, scheduler: str, progress: Progress | None = None,
            model_dir: Path | None = None, thresholds: dict | None = None, jobs: int | None = None) -> list[DocResult]:
    """DocResults of `documents`, in order, computed by the workers of `scheduler` ("local": a LocalCluster of
    `jobs` processes on this machine, stopped afterwards)."""
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise ClusterError("--scheduler needs Dask: pip install 'dask[distributed]' (or the package's [cluster] extra)")
    if not documents:
        return []
    cluster = None
    try:
        if scheduler == "local":
            cluster = LocalCluster(n_workers=jobs or default_jobs(), threads_per_worker=1, processes=True,
                                   host="127.0.0.1", dashboard_address=None, silence_logs=logging.ERROR)
            client = Client(cluster)
        else:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise ClusterError(f"cannot reach the Dask scheduler {scheduler}: {exc}")
    args = (str(lex.ontology_dir), str(model_dir) if model_dir else None, thresholds)
    try:
        futures = client.map(_extract_one, documents, key=[f"kg-extract-{i}" for i in range(len(documents))],
                             ontology_dir=args[0], model_dir=args[1], thresholds=args[2], pure=False)
        for done, _ in enumerate(as_completed(futures), 1):
            if progress:
                progress("extract", done, len(documents))
        return client.gather(futures)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _extract_one(document, ontology_dir: str, model_dir: str | None, thresholds: dict | None) -> DocResult:
    """On a worker: clean and extract one document with the pipeline this worker loaded first."""
    key = (ontology_dir, model_dir, tuple(sorted((thresholds or {}).items())))
    if key not in _loaded:
        _loaded[key] = load_pipeline(ontology_dir, model_dir, thresholds)
    return extract_document(document, *_loaded[key])
