#!/bin/sh
# The browser tests drive Debian's Chromium with Playwright (never a downloaded browser build).
# Install Debian's package when /usr/bin/chromium is missing; nothing is downloaded at run time.
set -e
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
echo "Installing Debian's Chromium for the browser tests..."
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium
