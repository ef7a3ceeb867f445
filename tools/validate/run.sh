#!/usr/bin/env bash
# `make validate`: the Nu HTML Checker (vnu) and axe-core (in headless Chromium) over every
# page of the HTML build. Fails on any vnu error and on any serious or critical axe violation.
# Installs what it needs on a fresh Debian machine: chromium and java with apt-get (as root),
# the npm packages from this folder's package-lock.json into .validate/ (git-ignored).
set -euo pipefail

html_dir=${1:?usage: tools/validate/run.sh HTML_DIR}
here=$(cd "$(dirname "$0")" && pwd)
work=${VALIDATE_DIR:-$(cd "$here/../.." && pwd)/.validate}

if [ ! -f "$html_dir/index.html" ]; then
    echo "validate: $html_dir/index.html not found; build the HTML first (make html)" >&2
    exit 1
fi

apt_install() {
    if [ "$(id -u)" != 0 ]; then
        echo "validate: $1 is missing; install it with: sudo apt-get install -y $2" >&2
        exit 1
    fi
    echo "validate: installing $2 (apt-get)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
}
command -v java >/dev/null || apt_install java default-jre-headless
command -v node >/dev/null || apt_install node nodejs
command -v npm >/dev/null || apt_install npm npm
chromium=${CHROMIUM:-$(command -v chromium || true)}
if [ -z "$chromium" ]; then
    apt_install chromium chromium
    chromium=$(command -v chromium)
fi

# The npm packages, exactly as locked; reinstalled when the lock file changes. Install
# scripts are not run: vnu-jar's would try to download a Java runtime.
lock_sum=$(sha256sum "$here/package-lock.json" | cut -d' ' -f1)
if [ "$(cat "$work/.stamp" 2>/dev/null)" != "$lock_sum" ]; then
    echo "validate: installing vnu-jar, axe-core, puppeteer-core into $(basename "$work")/"
    rm -rf "$work"
    mkdir -p "$work"
    cp "$here/package.json" "$here/package-lock.json" "$work/"
    (cd "$work" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
    echo "$lock_sum" > "$work/.stamp"
fi

status=0
echo "vnu: checking every page of $html_dir"
if java -jar "$work/node_modules/vnu-jar/build/dist/vnu.jar" --errors-only --skip-non-html \
        --format gnu "$html_dir"; then
    echo "vnu: no errors"
else
    status=1
fi
VALIDATE_NODE_MODULES="$work/node_modules" CHROMIUM="$chromium" \
    node "$here/axe.mjs" "$html_dir" || status=1
exit $status
