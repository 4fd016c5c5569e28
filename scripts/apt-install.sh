#!/bin/sh
# Install Debian packages: `sh scripts/apt-install.sh WHY PACKAGE...`. As root it installs them;
# otherwise through sudo when there is one; otherwise it stops and says what to install, since
# nothing else here needs root. Nothing is downloaded at run time, only at set-up.
set -e
why="$1"
shift
if [ "$(id -u)" = "0" ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "$why needs Debian's $*, which is missing, and installing it needs root:" >&2
    echo "    apt-get install --no-install-recommends $*" >&2
    exit 1
fi
echo "Installing Debian's $* ($why)..."
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@"
