"""Data files the build publishes are read only as regular files inside the repository: a
conformance statement linked to /etc/passwd (the dashboard page) and a comment round linked
to /dev/zero (the Comments page) are each refused with one located REG005; the build ends
(no hang, no Sphinx crash report) and nothing of either file reaches the output."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sphinx_site import REPO

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "comments"))
from comment_repo import FIXTURES, commit_all, make_repo  # noqa: E402

from stkit.cli import main  # noqa: E402

STATEMENT = REPO / "tests" / "fixtures" / "statements" / "xa-valid.yaml"
PASSWD = Path("/etc/passwd")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile-data")
    root = make_repo(base / "std")
    # the registry brought up to today's rules, as the mini standard's (the forms name the base)
    shutil.copy(REPO / "tests" / "fixtures" / "mini" / "requirements_registry.yaml", root / "requirements_registry.yaml")
    commit_all(root, "Registry brought up to the current rules")
    assert main(["comments", "import", "--root", str(root), str(FIXTURES / "forms" / "EP.docx"),
                 "--round", "r1"]) == 0
    os.symlink("/dev/zero", root / "comments" / "r2.yaml")
    (root / "conformance").mkdir()
    shutil.copyfile(STATEMENT, root / "conformance" / "xa.yaml")
    os.symlink(PASSWD, root / "conformance" / "evil.yaml")
    os.mkfifo(root / "conformance" / "fifo.yaml")
    out = base / "html"
    # A subprocess with a time limit: a read of /dev/zero or of a FIFO would never end.
    done = subprocess.run([sys.executable, "-m", "sphinx", "--no-color", "-b", "html", "-c", str(REPO), "-W", "--keep-going",
                           "-q", str(root / "standard"), str(out)], capture_output=True, text=True, timeout=600,
                          cwd=root, env={**os.environ, "SOURCE_DATE_EPOCH": "1796342400"})
    return root, out, done


def test_the_build_ends_with_located_errors_not_a_crash(site):
    _, _, done = site
    assert done.returncode == 1, done.stderr  # 2 would be Sphinx's crash report
    assert "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if ": ERROR: " in line or ": WARNING: " in line]
    assert {line.split(": ", 2)[2].split()[0] for line in errors} == {"REG005"}, errors  # nothing else
    lines = [line for line in done.stderr.splitlines() if "REG005" in line]
    assert any(line.startswith("conformance/evil.yaml:") and "symbolic link to a file outside the repository"
               in line for line in lines), lines
    assert any(line.startswith("conformance/fifo.yaml:") and "FIFO" in line for line in lines), lines
    assert any(line.startswith("comments/r2.yaml:") and "outside the repository" in line for line in lines), lines


def test_nothing_of_the_refused_files_is_in_the_output(site):
    _, out, done = site
    secret = PASSWD.read_bytes().split(b"\n", 1)[0]  # "root:x:0:0:..."
    assert secret and secret.decode() not in done.stderr + done.stdout
    for folder, _, files in os.walk(out):
        for name in files:
            with open(os.path.join(folder, name), "rb") as handle:
                data = handle.read()
            assert secret not in data, name
            assert b"\0" * 1024 not in data, name


def test_the_valid_files_are_still_published(site):
    _, out, _ = site
    dashboard = (out / "conformance-dashboard.html").read_text(encoding="utf-8")
    assert "XA-PAT-BIB" in dashboard
    assert "conformance/evil.yaml" in dashboard and "not valid" in dashboard
    comments = (out / "comments.html").read_text(encoding="utf-8")
    assert "Round r1" in comments and "EP-001" in comments and "r2" not in comments
