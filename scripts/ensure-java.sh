#!/bin/sh
# Spark (the collateral engine's cluster path, run by the tests in local mode) needs a Java 17+
# runtime. Install Debian's when none is on the PATH; nothing is downloaded at run time.
set -e
if command -v java >/dev/null 2>&1; then
    exit 0
fi
echo "Installing a Java runtime for Spark (Debian's default-jre-headless)..."
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends default-jre-headless
