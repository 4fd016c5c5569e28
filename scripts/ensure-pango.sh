#!/bin/sh
# WeasyPrint (the certificates' PDF) lays out text with Pango. Install Debian's libraries when
# they are missing (with HarfBuzz-Subset, which it uses to embed fonts, and a font); nothing is
# downloaded at run time.
set -e
missing=""
for package in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $package"
    fi
done
if [ -z "$missing" ]; then
    exit 0
fi
# shellcheck disable=SC2086  # one word per package
sh "$(dirname "$0")/apt-install.sh" "the PDF documents (WeasyPrint)" $missing
