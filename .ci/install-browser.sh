#!/usr/bin/env bash
# Installs headless Chromium and CJK fonts for the browser tests (tests/test_views_browser.py), quietly,
# and only what is missing: running it again does nothing. Needs root (or sudo) and apt-get.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || missing+=(chromium)
dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q "install ok installed" || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
exec bash "$(dirname "$0")/apt-install.sh" install-browser "${missing[@]}"
