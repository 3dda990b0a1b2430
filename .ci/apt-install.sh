#!/usr/bin/env bash
# apt-install.sh WHO PACKAGE...: installs the Debian packages quietly, with sudo when not root (the CI helpers
# install-browser.sh and install-virtuoso.sh call it for what is missing). Exits 1 where there is no apt-get.
set -euo pipefail
who="$1"; shift
if ! command -v apt-get >/dev/null 2>&1; then
  echo "$who: no apt-get; install $* by hand (the tests that need it will skip)" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null
# a package's own service is not started (policy-rc.d or no init in containers); the tests start their own
$sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
echo "$who: installed $*"
