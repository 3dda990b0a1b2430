#!/usr/bin/env bash
# Installs Debian's Virtuoso (virtuoso-opensource) for the test of `kg push` into Virtuoso
# (tests/test_push.py::test_push_into_virtuoso), quietly and only when missing. The test skips with the
# reason where it cannot be installed or does not start. Needs root (or sudo) and apt-get.
set -euo pipefail

if command -v virtuoso-t >/dev/null 2>&1; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-virtuoso: no apt-get; install virtuoso-opensource by hand (the Virtuoso test will skip)" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null
# the package's own service is not started (policy-rc.d or no init in containers); the test starts its own
$sudo apt-get install -y -qq --no-install-recommends virtuoso-opensource >/dev/null
echo "install-virtuoso: installed virtuoso-opensource"
