"""Per-document extraction (clean + nlp + relate), in one process or a pool over every core.

Documents are independent of each other, so extraction is a map. Given `Source`s, the workers clean them too
(a source pickles smaller than a cleaned document with its offset map, and cleaning is a per-document step
like the others). The workers return `DocResult`s (small dataclasses, never spaCy Docs), in input order, so a
pooled build writes the same bytes as a one-process build. The pipeline (lexicon, spaCy components, name
models, jieba's dictionary) is loaded once: in the parent, which forks its workers when it runs no other
thread, so they start with it loaded; else (a progress bar's thread is running) workers are spawned and each
loads it (about two seconds).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Callable

from . import clean, lexicon, nlp, relate
from .model import Document, DocResult
from .paths import MODEL_DIR

Progress = Callable[[str, int, int], None]
MIN_PER_WORKER = 16  # fewer documents than this per extra worker: starting workers costs more than it saves
CHUNK = 4

_worker: dict = {}


def default_jobs() -> int:
    """Every core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def extract(documents: list, lex: lexicon.Lexicon, progress: Progress | None = None,
            model_dir: Path | None = MODEL_DIR, thresholds: dict | None = None,
            jobs: int | None = None) -> list[DocResult]:
    """DocResults of `documents` (cleaned `Document`s, or `Source`s to clean), in order.

    `jobs`: worker processes (default: every core; 1: this process)."""
    jobs = min(jobs or default_jobs(), max(1, len(documents) // MIN_PER_WORKER))
    if jobs <= 1:
        pipe = nlp.make_nlp(lex, model_dir=model_dir, thresholds=thresholds)
        results = []
        for i, document in enumerate(documents):
            results.append(extract_document(document, lex, pipe))
            if progress:
                progress("extract", i + 1, len(documents))
        return results
    args = (str(lex.ontology_dir), str(model_dir) if model_dir else None, thresholds)
    forking = threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()
    if forking:
        _start_worker(*args)  # the children inherit the loaded pipeline
        _worker["pipe"]("项目开工。")  # and jieba's dictionary, which loads on first use
    context = multiprocessing.get_context("fork" if forking else "spawn")
    results = []
    try:
        with ProcessPoolExecutor(jobs, mp_context=context, initializer=None if forking else _start_worker,
                                 initargs=() if forking else args) as pool:
            for i, result in enumerate(pool.map(_extract_one, documents, chunksize=CHUNK)):
                results.append(result)
                if progress:
                    progress("extract", i + 1, len(documents))
    finally:
        _worker.clear()  # the parent's copy was only there to be forked
    return results


def load_pipeline(ontology_dir: str, model_dir: str | None, thresholds: dict | None):
    """(lexicon, nlp pipeline) of a worker. On another machine (a Dask worker) folders this one named may not
    exist: then the ontology and models inside its installed package."""
    lex = lexicon.load(Path(ontology_dir)) if Path(ontology_dir).is_dir() else lexicon.load()
    models = Path(model_dir) if model_dir else None
    if models is not None and not models.is_dir():
        models = MODEL_DIR
    return lex, nlp.make_nlp(lex, model_dir=models, thresholds=thresholds)


def extract_document(document, lex: lexicon.Lexicon, pipe) -> DocResult:
    """One article's result: cleaned (a `Source` is cleaned here), read by the pipeline, related."""
    document = as_document(document)
    return relate.relate(document, pipe(document.text), lex)


def _start_worker(ontology_dir: str, model_dir: str | None, thresholds: dict | None) -> None:
    _worker["lex"], _worker["pipe"] = load_pipeline(ontology_dir, model_dir, thresholds)


def _extract_one(document) -> DocResult:
    return extract_document(document, _worker["lex"], _worker["pipe"])


def as_document(item) -> Document:
    """A cleaned document: a `Source` is cleaned here."""
    return item if isinstance(item, Document) else clean.clean_source(item)
