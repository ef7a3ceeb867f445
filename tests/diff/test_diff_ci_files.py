"""The pull-request workflows, Read the Docs and pre-commit configuration: they parse, and
they keep the properties docs/review.md promises (read-only preview, one safe commenter,
the same commands as `make preview`)."""

from __future__ import annotations

import re
import subprocess

import yaml

from conftest import REPO

WORKFLOWS = REPO / ".github" / "workflows"


def load(path):
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return text, data


def steps(data):
    return [s for job in data["jobs"].values() for s in job["steps"]]


def test_preview_runs_on_pull_request_with_a_read_only_token():
    text, data = load(WORKFLOWS / "preview.yml")
    code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    assert "pull_request_target" not in code
    assert list(data["on"]) == ["pull_request"]
    assert data["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in data["jobs"].values())
    uses = {s["uses"].split("@")[0]: s for s in steps(data) if "uses" in s}
    assert uses["actions/checkout"]["with"]["fetch-depth"] == 0
    assert uses["actions/setup-python"]["with"]["python-version"] == "3.11"
    assert uses["actions/upload-artifact"]["with"]["path"] == "build/preview/"
    assert all(re.search(r"@v\d+$|@[0-9a-f]{40}$", s["uses"]) for s in steps(data) if "uses" in s)
    runs = [s["run"] for s in steps(data) if "run" in s]
    assert "make .venv/.stamp" in runs
    assert 'make preview BASE="origin/$BASE_REF" CHECK_FORMAT=github' in runs
    assert "${{" not in "".join(runs)  # event data reaches the shell only through env


def test_comment_workflow_never_runs_the_pull_requests_code():
    text, data = load(WORKFLOWS / "preview-comment.yml")
    assert list(data["on"]) == ["workflow_run"]
    assert data["on"]["workflow_run"]["workflows"] == ["preview"]
    assert data["permissions"] == {"contents": "read"}
    (job,) = data["jobs"].values()
    assert job["permissions"] == {"actions": "read", "pull-requests": "write"}
    assert not any("checkout" in s.get("uses", "") for s in job["steps"])
    assert not any("run" in s for s in job["steps"])
    assert "<!-- stkit-diff-preview -->" in text and "updateComment" in text
    assert "pr.head.sha !== process.env.HEAD_SHA" in text  # the artifact's number is verified


def test_make_preview_runs_what_the_workflow_promises():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    recipe = makefile[makefile.index("\npreview:"):].split("\n\n")[0]
    assert "$(STKIT) check --format $(CHECK_FORMAT)" in recipe
    for fmt, ext in (("markdown", "md"), ("html", "html"), ("json", "json"), ("docx", "docx")):
        assert f"$(STKIT) diff '$(BASE)' HEAD --format {fmt} -o $(BUILD)/preview/changes.{ext}" in recipe
    assert "DIFF_BASE='$(BASE)' $(MAKE) --no-print-directory html pdf" in recipe


def test_make_preview_without_base_refuses():
    done = subprocess.run(["make", "-C", str(REPO), "preview"], capture_output=True, text=True)
    assert done.returncode == 2
    assert "make preview needs the revision to compare with, e.g. make preview BASE=origin/main" in done.stderr


def test_read_the_docs_builds_standard_with_the_top_level_conf():
    data = yaml.safe_load((REPO / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert data["version"] == 2
    assert data["build"]["os"] in ("ubuntu-22.04", "ubuntu-24.04")
    assert data["build"]["tools"]["python"] == "3.11"
    assert data["sphinx"]["configuration"] == "conf.py"
    commands = data["build"]["commands"]
    assert "python -m pip install ." in commands
    assert any(c.startswith("python -m sphinx -b html -c . ") and 'standard "$READTHEDOCS_OUTPUT/html"' in c
               for c in commands)


def test_pre_commit_hook_runs_stkit_check_on_the_standard_only():
    data = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (hook,) = [h for repo in data["repos"] for h in repo["hooks"]]
    assert hook["entry"].endswith("stkit check") and hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    for path in ("standard/06-formats.md", "requirements_registry.yaml", "tools/stkit/catalogues/ip5_principles.yaml"):
        assert files.search(path), path
    for path in ("README.md", "tools/stkit/cli.py", "docs/review.md", "old_requirements_registry.yaml.bak"):
        assert not files.search(path), path
