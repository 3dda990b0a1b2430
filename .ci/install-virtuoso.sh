#!/usr/bin/env bash
# Installs Debian's Virtuoso (virtuoso-opensource) for the test of `kg push` into Virtuoso
# (tests/test_push.py::test_push_into_virtuoso), quietly and only when missing. The test skips with the
# reason where it cannot be installed or does not start. Needs root (or sudo) and apt-get.
set -euo pipefail
command -v virtuoso-t >/dev/null 2>&1 && exit 0
exec bash "$(dirname "$0")/apt-install.sh" install-virtuoso virtuoso-opensource
