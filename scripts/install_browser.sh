#!/usr/bin/env bash
# Install Debian's headless Chromium for the browser tests (Playwright drives it; `playwright install` cannot).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q chromium chromium-driver
test -x /usr/bin/chromium || { echo "install_browser.sh: /usr/bin/chromium still missing after apt-get" >&2; exit 1; }
