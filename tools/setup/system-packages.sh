#!/usr/bin/env bash
# The few system libraries the build needs beyond Python, installed with apt-get when missing
# and we may (root on Debian); otherwise one line says what to install:
# - Pango (WeasyPrint lays out and draws the PDF with it);
# - HarfBuzz-Subset (libharfbuzz-subset0): WeasyPrint subsets the embedded fonts with it;
#   without it WeasyPrint falls back to fontTools, which is slower and warns once per font.
#   Debian ships it apart from libharfbuzz0b, so an installed HarfBuzz is not enough;
# - Liberation Sans and Mono (fonts-liberation2): the PDF is set in Liberation Sans, a free
#   font with Arial's metrics (WIPO's standards are set in Arial);
# - DejaVu (fonts-dejavu-core): the fallback for Cyrillic, Arabic and symbols;
# - pdftotext (poppler-utils): the PDF's post-check reads every page's text with it.
set -u
missing=()
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
have_font() { fc-list 2>/dev/null | grep -qi "$1"; }
have_lib 'libpango-1.0.so' || missing+=(libpango-1.0-0)
have_lib 'libpangoft2-1.0.so' || missing+=(libpangoft2-1.0-0)
have_lib 'libharfbuzz-subset.so.0' || missing+=(libharfbuzz-subset0)
have_font 'LiberationSans-Regular' || missing+=(fonts-liberation2)
have_font 'DejaVuSans' || missing+=(fonts-dejavu-core)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "setup: installing ${missing[*]} (for the PDF)"
  log=$(mktemp)
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } >"$log" 2>&1 \
    || { cat "$log" >&2; rm -f "$log"; echo "setup: apt-get install ${missing[*]} failed" >&2; exit 1; }
  rm -f "$log"
else
  echo "setup: the PDF needs ${missing[*]}: run 'sudo apt-get install ${missing[*]}'" >&2
fi
