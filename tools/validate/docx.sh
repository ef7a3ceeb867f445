#!/usr/bin/env bash
# `make validate`, the Word part: every DOCX of the build folder passes the check of its OOXML
# parts (python -m stkit.docx.check) and opens in LibreOffice, which converts it to PDF
# headless; a file it cannot open, or a conversion that fails, fails validation.
# Installs LibreOffice Writer (Debian's libreoffice-writer) with apt-get when missing, as root.
set -euo pipefail

docx_dir=${1:?usage: tools/validate/docx.sh DOCX_DIR}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
python=${PYTHON:-$repo/.venv/bin/python}

shopt -s nullglob
files=("$docx_dir"/*.docx)
if [ ${#files[@]} -eq 0 ]; then
    echo "validate: no .docx in $docx_dir; build it first (make docx)" >&2
    exit 1
fi

if ! command -v soffice >/dev/null; then
    if [ "$(id -u)" != 0 ]; then
        echo "validate: LibreOffice is missing; install it with: sudo apt-get install -y libreoffice-writer" >&2
        exit 1
    fi
    echo "validate: installing libreoffice-writer (apt-get)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-writer >/dev/null
fi

status=0
"$python" -m stkit.docx.check "${files[@]}" || status=1
"$python" -m stkit.docx.libreoffice "${files[@]}" || status=1
exit $status
