"""Small answers of pure functions kept between builds in the cache folder: a rebuild need not load what
computed them.

A warm build's article titles (the cleaner, hence jieba's 0.8 s dictionary) and pinyin transliterations
(pypinyin, 0.7 s to import) are the same strings as the last build's; the memo keeps them, one JSON file per
kind named by the hash of the code and data that compute them, so that a change to either starts a fresh one.
A memo holds what the last build used (entries no build asked for are dropped when it commits), is read whole
at start and written atomically once the build has succeeded; a damaged file is an empty memo, and a memo
that cannot be written is skipped silently (the build is complete without it).
"""

from __future__ import annotations

import hashlib
import json
from importlib import metadata
from pathlib import Path

from .staging import write_bytes


def version(files: list[Path], libraries: tuple[str, ...] = (), extra: str = "") -> str:
    """A hash of the files' bytes and the libraries' versions that a memo's answers depend on."""
    h = hashlib.sha256(extra.encode("utf-8"))
    add_files(h, files)
    add_libraries(h, libraries)
    return h.hexdigest()


def add_files(h, files, label: str = "") -> None:
    """Feed each file's name and the hash of its bytes to hash `h`, each line opened by `label`."""
    for f in files:
        h.update(f"{label}{Path(f).name} {hashlib.sha256(Path(f).read_bytes()).hexdigest()}\n".encode())


def add_libraries(h, libraries) -> None:
    """Feed each library's installed version (or "-") to hash `h`: an upgrade changes what it computes."""
    for lib in libraries:
        try:
            h.update(f"{lib} {metadata.version(lib)}\n".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{lib} -\n".encode())


class Memo:
    """{key: answer} of one function, for one `version` of it, in `root/memo/<name>-<version>.json`."""

    def __init__(self, root: Path | None, name: str, version: str):
        self.folder = Path(root) / "memo" if root else None
        self.name = name
        self.path = self.folder / f"{name}-{version[:24]}.json" if self.folder else None
        self.known: dict[str, object] = {}
        if self.path is not None:
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                self.known = data if isinstance(data, dict) else {}
            except (OSError, ValueError):
                pass
        self.used: dict[str, object] = {}
        self.hits = 0

    def get(self, key: str, compute):
        """The answer for `key`: the memo's, else `compute()` (kept for `commit`)."""
        if key in self.used:
            return self.used[key]
        if key in self.known:
            self.hits += 1
            value = self.known[key]
        else:
            value = compute()
        self.used[key] = value
        return value

    def commit(self) -> None:
        """Write the answers this build used (when they differ from the file's), and drop other versions."""
        if self.path is None or self.used == self.known:
            return
        try:
            write_bytes(json.dumps(self.used, ensure_ascii=False, sort_keys=True).encode("utf-8"), self.path)
            for other in self.folder.glob(f"{self.name}-*.json"):
                if other != self.path:
                    other.unlink()
        except OSError:
            pass
