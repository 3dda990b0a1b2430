"""`build`: run every stage in order and write the outputs atomically.

Stages never call each other; this module is the only place that knows their order:
corpus -> clean -> nlp -> relate -> resolve -> graph -> outputs.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from . import cache, corpus, graph, lexicon, memory, reposts, resolve, staging
from .paths import MODEL_DIR
from .model import COMPANY, PARK, PLACE, PROJECT, KnowledgeBase
from .report import largest_first

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass
class BuildReport:
    """What a build did: the summary `kg build` prints."""

    out_dir: Path
    documents: int = 0
    reposts: int = 0  # articles folded into another as reposts (publication records of it)
    extracted: int = 0  # articles extracted by this build
    cached: int = 0  # articles whose extraction was read from the cache
    skipped: list[str] = field(default_factory=list)  # one line per unreadable input (exit 1)
    not_read: list[str] = field(default_factory=list)  # files of other types found in folders (listed only)
    counts: dict[str, int] = field(default_factory=dict)
    figures: int = 0
    aggregates: int = 0
    disagreements: list[str] = field(default_factory=list)  # largest first
    warnings: list[str] = field(default_factory=list)
    validation: list[str] = field(default_factory=list)  # SHACL or *-violation.rq failures
    outputs: list[Path] = field(default_factory=list)


class NothingToBuild(Exception):
    """No article could be read: nothing is written and the previous outputs stay (their resolution.json
    holds the stable ids). `problems` says why each input was skipped."""

    def __init__(self, message: str, problems: list):
        super().__init__(message)
        self.problems = problems


class OutputError(Exception):
    """The outputs could not be written (a read-only folder, a file in the way); nothing was replaced."""


def build_kb(paths: Iterable[Path], progress: Progress | None = None, previous: dict | None = None,
             model_dir: Path | None = MODEL_DIR, thresholds: dict | None = None, jobs: int | None = None,
             store: cache.ExtractionCache | None = None, scheduler: str | None = None, titles=None):
    """Read, extract and resolve: returns (KnowledgeBase, problems, lexicon).

    `previous` is an earlier build's resolution report: entities it knows keep their ids. `store`: the cache
    of extraction results (None: extract every article); new entries wait in it for `store.commit()`.
    `scheduler`: a Dask scheduler's address, or "local", to extract on a cluster (kg.cluster).
    `titles`: corpus.title_from_text or a memo of it (`memos`).
    """
    lex = lexicon.load()
    sources, problems = corpus.read_sources(list(paths), titles or corpus.title_from_text)
    with stage(progress, "reposts"):
        folded = reposts.fold(sources)
    results = cache.extract_cached(  # cleaned in the workers
        folded.sources, store, lambda todo: extract_on_cluster(todo, lex, scheduler, progress, model_dir, thresholds, jobs)
        if scheduler else extract(todo, lex, progress, model_dir, thresholds, jobs))
    with stage(progress, "resolve"):
        kb = resolve.resolve(results, lex, previous=previous)
    kb.publications = folded.publications
    return kb, problems, lex


def extract(documents: list, *args, **kwargs) -> list:
    """kg.extract.extract (clean, nlp, relate per document, pooled over the cores), imported when a build has
    an article to extract: a build whose articles are all in the cache never loads the extraction pipeline."""
    from .extract import extract as run

    return run(documents, *args, **kwargs)


def extract_on_cluster(documents: list, *args) -> list:
    from . import cluster  # Dask loads only for a build that asks for a cluster

    return cluster.extract(documents, *args)


class Memos:
    """The answers of pure functions a warm build would otherwise load libraries to compute again (kg.memo):
    article titles (the cleaner, jieba's dictionary), pinyin (pypinyin) and the extractor's module list."""

    def __init__(self, root: Path | None):
        from . import clean, english, memo, words

        self.code = memo.Memo(root, "code-files", cache.code_memo_version())
        self.title_memo = memo.Memo(root, "titles", memo.version(
            [Path(corpus.__file__), Path(clean.__file__), Path(words.__file__), clean.PATTERNS_FILE,
             corpus.PATTERNS_FILE], ("jieba", "opencc")))
        self.pinyin_memo = memo.Memo(root, "pinyin", memo.version(
            [Path(english.__file__), Path(words.__file__)], ("pypinyin", "jieba")))

    def title(self, text: str) -> str | None:
        key = hashlib.sha256(text[:corpus.TITLE_SCAN].encode("utf-8")).hexdigest()
        return self.title_memo.get(key, lambda: corpus.title_from_text(text))

    def pinyin(self, name: str) -> str | None:
        from .english import transliterate

        return self.pinyin_memo.get(name, lambda: transliterate(name))

    def commit(self) -> None:
        for m in (self.code, self.title_memo, self.pinyin_memo):
            m.commit()


@contextlib.contextmanager
def stage(progress: Progress | None, name: str):
    """Report a stage without steps of its own as (name, 0, 1) when it starts and (name, 1, 1) when done,
    so that a progress display shows it running (with its elapsed time) instead of a silent pause."""
    if progress:
        progress(name, 0, 1)
    yield
    if progress:
        progress(name, 1, 1)


def build(paths: Iterable[Path], out_dir: Path, progress: Progress | None = None,
          views: bool = True, model_dir: Path | None = MODEL_DIR, jobs: int | None = None,
          cache_dir: Path | None | bool = True, scheduler: str | None = None) -> BuildReport:
    """Build the graph from articles and write it, with its views, into `out_dir`.

    `model_dir`: the trained name models (None: rules only); `jobs`: extraction processes (default every core);
    `cache_dir`: the extraction cache (True: `out_dir/.cache`; False: none); `scheduler`: extract on a Dask
    cluster (its scheduler's address, or "local"; kg.cluster).
    Raises NothingToBuild, writing nothing, when no article could be read, and OutputError when
    `out_dir` cannot be written; either way the previous outputs stay as they were.
    """
    paths = list(paths)
    if cache_dir is True:
        cache_dir = Path(out_dir) / cache.CACHE_DIR_NAME
    store = layouts = None
    memos = Memos(cache_dir or None)
    if cache_dir:
        store = cache.ExtractionCache(cache_dir, cache.extractor_version(lexicon.load().ontology_dir, model_dir, None,
                                                                         memos.code))
        layouts = cache.LayoutMemo(cache_dir) if views else None
    kb, problems, lex = build_kb(paths, progress, previous=resolve.read_previous(out_dir), model_dir=model_dir,
                                 jobs=jobs, store=store, scheduler=scheduler, titles=memos.title)
    if not kb.documents:
        kept = (f"the previous outputs in {out_dir} are kept" if (Path(out_dir) / "kg.ttl").exists()
                else f"nothing was written to {out_dir}")
        skipped = [p for p in problems if not p.ignored]
        why = (f"every input was skipped ({len(skipped)} file{'' if len(skipped) == 1 else 's'})" if skipped
               else "no article (.txt, .html) in " + ", ".join(str(p) for p in paths))
        raise NothingToBuild(f"nothing built: {why}; {kept}.", problems)
    with stage(progress, "graph"):
        g = graph.to_graph(kb, lex, memos.pinyin)
    report = summarise(kb, out_dir, cached=store.hits if store else 0)
    report.skipped = [str(p) for p in problems if not p.ignored]
    report.not_read = [str(p) for p in problems if p.ignored]
    resolution = json.dumps(resolve.report(kb), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    del kb  # the graph, the summary and resolution.json hold all that is written from here on
    memory.release()
    try:
        with staged_dir(out_dir, whole=("views",)) as folder:
            with stage(progress, "write"):
                written = graph.write(g, folder / "kg.ttl", "ttl")
                (folder / "resolution.json").write_text(resolution, encoding="utf-8")
            if views:
                from . import views as views_mod  # pyvis is only imported when views are wanted
                views_mod.write_views(g, folder / "views", progress=progress, layouts=layouts)
            del g  # validation runs on Oxigraph's copy of kg.ttl, never beside this graph (the build's peak)
            memory.release()
            with stage(progress, "validate"):
                report.validation = graph.validate(graph.LazyGraph(written), engine=written)
    except OSError as exc:
        reason = exc.strerror or " ".join(str(exc).split())
        at = f" (at {exc.filename})" if exc.filename else ""
        raise OutputError(f"{out_dir}: cannot write the outputs: {reason}{at}; nothing was replaced.") from exc
    if store is not None:
        store.commit()  # only now: a build that failed leaves the output folder as it was
        report.warnings.extend(store.warnings)
    if layouts is not None:
        report.warnings.extend(layouts.commit())
    memos.commit()
    report.outputs = sorted(p for p in out_dir.rglob("*")
                            if p.is_file() and cache.CACHE_DIR_NAME not in p.relative_to(out_dir).parts)
    return report


def summarise(kb: KnowledgeBase, out_dir: Path, cached: int = 0) -> BuildReport:
    """The build's counts; `cached`: articles whose extraction came from the cache."""
    kinds = {PROJECT: "projects", COMPANY: "companies", PARK: "parks", PLACE: "places"}
    counts = {name: 0 for name in kinds.values()}
    for e in kb.entities.values():
        counts[kinds[e.kind]] += 1
    return BuildReport(
        out_dir=out_dir,
        documents=len(kb.documents),
        reposts=sum(len(p) for p in kb.publications.values()),
        extracted=len(kb.documents) - cached,
        cached=cached,
        counts=counts,
        figures=len(kb.statements),
        aggregates=len(kb.aggregates),
        disagreements=[d.short or d.summary for d in largest_first(kb)],
        warnings=list(kb.warnings),
    )


STAGE = re.compile(r"\.build-(\d+)-[a-z0-9_]+")  # .build-<pid>-<random>: the build writing it
LEGACY_STAGE = re.compile(r"\.build-[a-z0-9_]{8}")  # what mkdtemp named it before the pid was added


class staged_dir:
    """Write into a fresh folder inside the target (`.build-<pid>-<random>`), then move each written file
    into place.

    A build that fails half-way raises before anything is moved, so the previous output stays
    intact; files the build does not write (e.g. a user's exports) are left alone. The folders named in
    `whole` (views/) are replaced as a unit, so that no page of an earlier build survives beside the new ones.
    A build killed while writing leaves its folder behind: the next one removes it once its pid has ended
    (and a pid-less one of an earlier version after a day), never one a running build is writing.
    """

    def __init__(self, target: Path, whole: tuple[str, ...] = ()):
        self.target = Path(target)
        self.whole = whole

    def __enter__(self) -> Path:
        self.target.mkdir(parents=True, exist_ok=True)
        staging.remove_stale(self.target, STAGE, LEGACY_STAGE)
        self.stage = Path(tempfile.mkdtemp(prefix=f".build-{os.getpid()}-", dir=self.target))
        return self.stage

    def __exit__(self, exc_type, exc, tb):
        try:
            if exc_type is None:
                for name in self.whole:
                    if (self.stage / name).is_dir():
                        self.swap(self.stage / name, self.target / name)
                for src in sorted(self.stage.rglob("*")):
                    if src.is_dir():
                        continue
                    dest = self.target / src.relative_to(self.stage)
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(src, dest)
        finally:
            shutil.rmtree(self.stage, ignore_errors=True)
        return False

    def swap(self, new: Path, dest: Path) -> None:
        """Put folder `new` at `dest`: the old one is renamed aside first and removed only afterwards."""
        old = self.stage / (".old-" + dest.name)
        if dest.exists():
            os.replace(dest, old)
        os.replace(new, dest)
        shutil.rmtree(old, ignore_errors=True)

