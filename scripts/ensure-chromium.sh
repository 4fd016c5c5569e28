#!/bin/sh
# The browser tests drive Debian's Chromium with Playwright (never a downloaded browser build).
# Install Debian's package when /usr/bin/chromium is missing; nothing is downloaded at run time.
set -e
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
sh "$(dirname "$0")/apt-install.sh" "the browser tests" chromium
