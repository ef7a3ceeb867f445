#!/usr/bin/env bash
# The few system libraries the build needs beyond Python: Pango (WeasyPrint draws the PDF
# with it) and the DejaVu fonts (Latin, Cyrillic, Arabic). Installed with apt-get when
# missing and we may (root on Debian); otherwise one line says what to install.
set -u
missing=()
ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so' || missing+=(libpango-1.0-0)
ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so' || missing+=(libpangoft2-1.0-0)
fc-list 2>/dev/null | grep -qi 'DejaVuSans' || missing+=(fonts-dejavu-core)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "setup: installing ${missing[*]} (for the PDF)"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } >/dev/null \
    || { echo "setup: apt-get install ${missing[*]} failed" >&2; exit 1; }
else
  echo "setup: the PDF needs ${missing[*]}: run 'sudo apt-get install ${missing[*]}'" >&2
fi
