"""Per-article work is done once: extraction results cached by content hash.

Extraction (clean, nlp, relate) is a pure function of an article's text and metadata and of the extractor:
its code, the pattern and gazetteer files it reads, the name models, the libraries it runs on. An article's
key is the hash of its `Source` (text, simplified text, every metadata field); the extractor's version is
the hash of everything else, and names the folder its entries live in, so that changing a pattern file or the
model leaves the old entries unused (and pruned), while a change that extraction does not read (resolve.json,
the SHACL shapes, the graph or view code) keeps them. A rebuild with one new article extracts one article.

The code hashed is the closure of kg.extract's imports inside the package, found by reading the modules'
import statements (lazy ones in functions too), so a new module the extractor imports is covered without a
list to keep up to date.

Entries are JSON (compressed), decoded into the same dataclasses with the same types (a tuple stays a
tuple, a Decimal keeps its digits): a build from a warm cache writes the same bytes as a cold one. JSON and
not pickle, since loading a pickle someone else put in an output folder would run their code. A damaged or
unreadable entry is a miss; a cache that cannot be written is skipped with a warning, never a failed build.
"""

from __future__ import annotations

import ast
import dataclasses
import hashlib
import json
import os
import shutil
import zlib
from decimal import Decimal
from pathlib import Path

from . import model, paths
from .memo import add_files, add_libraries
from .staging import write_bytes

FORMAT = 2  # the entry layout below; bump when it changes (2: a plain dict is a list of pairs)
KEEP_VERSIONS = 4  # extractor versions kept side by side (rules-only and model builds, a branch switch…)
NOT_READ_BY_EXTRACTION = ("patterns/resolve.json",)  # ontology files only later stages read
ONTOLOGY_FILES = ("places.ttl", "chains.ttl", "patterns/*.json")
LIBRARIES = ("spacy", "jieba", "opencc", "python-crfsuite", "selectolax", "numpy")
CACHE_DIR_NAME = ".cache"  # inside the output folder, unless --cache names another
_TYPES = {cls.__name__: cls for cls in (model.DocResult, model.DocumentMeta, model.LocalEntity, model.Evidence,
                                        model.Fact, model.Quantity, model.AggregateFact)}


# ---- what the extractor is ------------------------------------------------------------------------


def code_files(start: str = "kg.extract") -> list[Path]:
    """The package's modules `start` imports, directly or not (itself included), by reading imports."""
    root = paths.ROOT / "kg"
    todo, seen = [start], set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        path = _module_path(root, name)
        if path is None:
            continue
        seen.add(name)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in _import_nodes(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = _absolute(package, node.module, node.level)
                if base is None or not base.startswith("kg"):
                    continue
                todo.append(base)
                todo.extend(f"{base}.{alias.name}" for alias in node.names)  # `from . import x`: x may be a module
            elif isinstance(node, ast.Import):
                todo.extend(a.name for a in node.names if a.name.startswith("kg."))
        if "." in name:
            todo.append(name.rpartition(".")[0])  # a module's package __init__ runs first
    return sorted(_module_path(root, n) for n in seen)


def _import_nodes(tree: ast.Module):
    """Every import of a module, those inside functions included (extraction imports some lazily), except in
    a module-level `__getattr__` (PEP 562: `kg.build` loads the API on demand, which extraction never asks)."""
    for top in tree.body:
        if isinstance(top, ast.FunctionDef) and top.name == "__getattr__":
            continue
        for node in ast.walk(top):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                yield node


def _module_path(root: Path, name: str) -> Path | None:
    parts = name.split(".")[1:]
    base = root.joinpath(*parts)
    for path in (base / "__init__.py", base.with_suffix(".py")):
        if path.is_file():
            return path
    return None


def _absolute(package: str, module: str | None, level: int) -> str | None:
    if level == 0:
        return module
    parts = package.split(".")
    if level - 1 > len(parts) - 1:
        return None
    base = parts[:len(parts) - (level - 1)]
    return ".".join(base + ([module] if module else []))


def data_files(ontology_dir: Path) -> list[Path]:
    """The ontology files extraction reads (the lexicon, the gazetteer, the patterns)."""
    found = {p for pattern in ONTOLOGY_FILES for p in Path(ontology_dir).glob(pattern)}
    skip = {Path(ontology_dir) / name for name in NOT_READ_BY_EXTRACTION}
    return sorted(p for p in found if p not in skip)


def model_files(model_dir: Path | None) -> list[Path]:
    return sorted(p for p in Path(model_dir).iterdir() if p.is_file()) if model_dir else []


def code_files_memo(memo) -> list[Path]:
    """`code_files()`, read from a memo (kg.memo) named by the hash of every module of the package: reading
    the imports of the extractor's modules takes a third of a second, hashing the files a hundredth."""
    root = paths.ROOT
    found = memo.get("kg.extract", lambda: [p.relative_to(root).as_posix() for p in code_files()])
    return [root / name for name in found]


def code_memo_version() -> str:
    from . import memo

    return memo.version(sorted((paths.ROOT / "kg").rglob("*.py")), extra=f"format {FORMAT}")


def extractor_version(ontology_dir: Path, model_dir: Path | None, thresholds: dict | None, memo=None) -> str:
    """A hash of everything extraction depends on besides the article. `memo`: a kg.memo.Memo of the
    extractor's modules (named by `code_memo_version`), else they are found by reading the imports."""
    h = hashlib.sha256(f"format {FORMAT}\n".encode())
    data = data_files(ontology_dir)
    if Path(ontology_dir).resolve() != paths.ONTOLOGY_DIR.resolve():
        data += data_files(paths.ONTOLOGY_DIR)  # clean.json and units.json are always read from the package's
    add_files(h, code_files_memo(memo) if memo is not None else code_files(), "code ")
    add_files(h, data, "data ")
    add_files(h, model_files(model_dir), "model ")
    h.update(json.dumps({"rules_only": model_dir is None, "thresholds": thresholds}, sort_keys=True).encode())
    add_libraries(h, LIBRARIES)
    return h.hexdigest()


def article_key(source) -> str:
    """The hash of an article as extraction sees it: both texts and every metadata field."""
    meta = json.dumps(dataclasses.asdict(source.meta), sort_keys=True, ensure_ascii=False)
    h = hashlib.sha256()
    for part in (meta, source.original, source.simplified):
        data = part.encode("utf-8")
        h.update(len(data).to_bytes(8, "big") + data)
    return h.hexdigest()


# ---- the entries ------------------------------------------------------------------------------------


def encode(value):
    """A DocResult (or any value inside one) as JSON-ready data that `decode` turns back into an equal one."""
    if dataclasses.is_dataclass(value):
        return {"@": type(value).__name__,
                **{f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}}
    if isinstance(value, Decimal):
        return {"@d": str(value)}
    if isinstance(value, tuple):
        return {"@t": [encode(v) for v in value]}
    if isinstance(value, (set, frozenset)):
        return {"@s": sorted(encode(v) for v in value), "frozen": isinstance(value, frozenset)}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            return {"@m": [[encode(k), encode(v)] for k, v in value.items()]}
        return {"@o": [[k, encode(v)] for k, v in value.items()]}  # no dict but tagged ones: see `loads`
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot cache a {type(value).__name__}: {value!r}")


def decode(data):
    if isinstance(data, list):
        return [decode(v) for v in data]
    if not isinstance(data, dict):
        return data
    if "@" in data:
        cls = _TYPES[data["@"]]
        return cls(**{k: decode(v) for k, v in data.items() if k != "@"})
    if "@d" in data:
        return Decimal(data["@d"])
    if "@t" in data:
        return tuple(decode(v) for v in data["@t"])
    if "@s" in data:
        return (frozenset if data["frozen"] else set)(decode(v) for v in data["@s"])
    if "@m" in data:
        return {decode(k): decode(v) for k, v in data["@m"]}
    return {k: decode(v) for k, v in data["@o"]}


def _tagged(data: dict):
    """`decode` of one JSON object whose contents are decoded already (json's object_hook, bottom-up): every
    object of an entry is tagged, since plain dicts are written as lists of pairs."""
    if "@" in data:
        return _TYPES[data.pop("@")](**data)
    if "@d" in data:
        return Decimal(data["@d"])
    if "@t" in data:
        return tuple(data["@t"])
    if "@s" in data:
        return (frozenset if data["frozen"] else set)(data["@s"])
    if "@m" in data:
        return {k: v for k, v in data["@m"]}
    return dict(data["@o"])


def loads(data: bytes):
    """An entry's JSON text decoded (as `decode(json.loads(data))`, three times as fast: json's parser calls
    `_tagged` on each object as it reads it, instead of a second walk in Python)."""
    return json.loads(data, object_hook=_tagged)


class ExtractionCache:
    """Entries of one extractor version under `root/<version>/`, one file per article."""

    def __init__(self, root: Path, version: str):
        self.root = Path(root)
        self.version = version
        self.folder = self.root / "extract" / version[:24]
        self.warnings: list[str] = []
        self.hits = self.misses = 0
        self.pending: list[tuple[str, object]] = []  # (key, result) to write once the build has succeeded

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json.z"

    def get(self, key: str):
        try:
            result = loads(zlib.decompress(self.path(key).read_bytes()))
        except (OSError, ValueError, KeyError, TypeError, zlib.error):
            self.misses += 1
            return None
        self.hits += 1
        return result

    def put(self, key: str, result) -> None:
        """Keep an entry to write when the build's outputs are written (`commit`): a failed build leaves the
        output folder as it was, cache included."""
        self.pending.append((key, result))

    def commit(self) -> None:
        """Write the pending entries and prune old versions."""
        for key, result in self.pending:
            self._write(key, result)
        self.pending = []
        try:  # this version was used now, whether or not it gained entries: pruning keeps the recent ones
            os.utime(self.folder)
        except OSError:
            pass  # (nothing cached yet, or a read-only cache)
        self.prune()

    def _write(self, key: str, result) -> None:
        """Write an entry (atomically: a killed build leaves no half entry); a failure is a warning only."""
        if self.warnings:
            return  # already failed once: do not repeat the warning for every article
        path = self.path(key)
        try:
            data = zlib.compress(json.dumps(encode(result), ensure_ascii=False, sort_keys=True).encode("utf-8"), 6)
            write_bytes(data, path)
        except OSError as exc:
            self.warnings.append(f"extraction cache {self.root} not written ({exc.strerror or exc}); "
                                 "the build is complete, the next one extracts again")

    def prune(self) -> None:
        """Keep the most recently used extractor versions; older ones can never be hit again."""
        base = self.root / "extract"
        try:
            versions = sorted((p for p in base.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime,
                              reverse=True)
        except OSError:
            return
        for old in versions[KEEP_VERSIONS:]:
            if old != self.folder:
                shutil.rmtree(old, ignore_errors=True)


def extract_cached(sources: list, cache: ExtractionCache | None, run) -> list:
    """DocResults of `sources` in order: cached ones read, the others extracted by `run(sources)` and kept
    for the cache (written by `cache.commit()`)."""
    if cache is None:
        return run(sources)
    keys = [article_key(s) for s in sources]
    results = [cache.get(k) for k in keys]
    missing = [i for i, r in enumerate(results) if r is None]
    fresh = run([sources[i] for i in missing]) if missing else []
    for i, result in zip(missing, fresh):
        results[i] = result
        cache.put(keys[i], result)
    return results


class LayoutMemo:
    """Page layouts (kg.views.layout, the costliest step of a view) kept by the hash of their input, so that
    a rebuild lays out again only the pages whose nodes, edges or sizes changed. Entries of the code that
    computed them (the hash of kg/views.py names the folder); those a build did not use are removed when
    it commits, so the memo holds one build's pages."""

    def __init__(self, root: Path):
        from . import views

        self.compute = views.layout
        code = hashlib.sha256(Path(views.__file__).read_bytes()).hexdigest()
        self.base = Path(root) / "layout"
        self.folder = self.base / code[:24]
        self.used: set[str] = set()
        self.pending: dict[str, dict] = {}
        self.hits = 0

    def __call__(self, nodes: list[str], edges: list, sizes: dict[str, float]) -> dict[str, tuple[int, int]]:
        key = hashlib.sha256(json.dumps([nodes, [(s, str(p), o) for s, p, o in edges], [sizes[n] for n in nodes]],
                                        ensure_ascii=False).encode("utf-8")).hexdigest()
        self.used.add(key)
        try:
            found = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
            positions = {n: (int(x), int(y)) for n, (x, y) in found.items()}
            if set(positions) == set(nodes):
                self.hits += 1
                return positions
        except (OSError, ValueError, TypeError):
            pass
        positions = self.compute(nodes, edges, sizes)
        self.pending[key] = positions
        return positions

    def commit(self) -> list[str]:
        """Write the new layouts, drop the unused ones and other code's; returns warnings."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for key, positions in self.pending.items():
                write_bytes(json.dumps(positions, ensure_ascii=False).encode("utf-8"), self.folder / f"{key}.json")
            for path in self.folder.iterdir():
                if path.suffix == ".json" and path.stem not in self.used:
                    path.unlink()
            for other in self.base.iterdir():
                if other != self.folder:
                    shutil.rmtree(other, ignore_errors=True)
        except OSError as exc:
            return [f"layout cache {self.base} not written ({exc.strerror or exc})"]
        finally:
            self.pending = {}
        return []
