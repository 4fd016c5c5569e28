#!/bin/sh
# Spark (the collateral engine's cluster path, run by the tests in local mode) needs a Java 17+
# runtime. Install Debian's when none is on the PATH; nothing is downloaded at run time.
set -e
if command -v java >/dev/null 2>&1; then
    exit 0
fi
sh "$(dirname "$0")/apt-install.sh" "Spark, the collateral engine's cluster path" default-jre-headless
