"""Staging folders: where a run writes before it moves its outputs into place, and what a killed run left.

A staging folder's name carries the pid of the process writing it (`.build-<pid>-<random>`,
`.views.staging-<pid>`), so a later run can tell a folder whose writer has died (removed) from one a
running process is still writing (left alone). Only names of these exact shapes are ever removed.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from pathlib import Path

LEGACY_AGE = 24 * 3600  # seconds: a pid-less staging folder this old belongs to no running build


def pid_alive(pid: int) -> bool:
    """Whether process `pid` exists (on this machine). When that cannot be told, it is taken as alive."""
    if pid == os.getpid():
        return True
    if os.name != "posix":  # os.kill would end the process there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists but is not ours (EPERM), or cannot be asked
        return True
    return True


def remove_stale(folder: Path, with_pid: re.Pattern, legacy: re.Pattern | None = None) -> list[Path]:
    """Remove the folders in `folder` whose name fully matches `with_pid` (group 1: the writer's pid) and
    whose writer has ended, and those matching `legacy` (names without a pid) untouched for a day.

    Returns what was removed. Links and files are never touched."""
    removed = []
    try:
        entries = sorted(Path(folder).iterdir())
    except OSError:  # missing or unreadable: nothing to clean
        return removed
    for path in entries:
        if path.is_symlink() or not path.is_dir():
            continue
        m = with_pid.fullmatch(path.name)
        if m:
            stale = not pid_alive(int(m.group(1)))
        elif legacy is not None and legacy.fullmatch(path.name):
            try:
                stale = time.time() - path.stat().st_mtime > LEGACY_AGE
            except OSError:
                stale = False
        else:
            continue
        if stale:
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def write_bytes(data: bytes, path: Path) -> Path:
    """Atomic: readers see the old file or the new one, never half of it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600 files; outputs are ordinary files
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
