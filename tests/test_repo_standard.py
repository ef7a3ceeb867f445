"""The contract of `make check`: the repository's own standard has no errors."""

from __future__ import annotations

from conftest import REPO, findings, run_cli


def test_the_standard_in_this_repository_has_no_errors():
    errors = [f"{d.path}:{d.line}:{d.col}: {d.code} {d.message}"
              for d in findings(REPO) if d.severity == "error"]
    assert errors == []


def test_stkit_check_on_the_repository_exits_0(capsys):
    code, out, err = run_cli(["check", "--root", str(REPO)], capsys)
    assert code == 0, out
    assert "Traceback" not in out + err


def _registry():
    from stkit.registry import load_registry
    return load_registry((REPO / "requirements_registry.yaml").read_bytes()).registry


def test_every_level_binds_each_role_by_mandatory_requirements():
    """Version 0.3's conformance model: a claim to any level asks something of a provider and of
    a recipient ('shall' requirements), and a permission counts towards no level."""
    active = [r for r in _registry().requirements if r.status == "active"]
    counts = {(level, role): 0 for level in (1, 2, 3) for role in ("provider", "recipient")}
    for r in active:
        if r.obligation == "shall":
            for role in (("provider", "recipient") if r.applies_to in (None, "both") else (r.applies_to,)):
                counts[(r.level, role)] += 1
    assert counts == {(1, "provider"): 20, (1, "recipient"): 11, (2, "provider"): 16,
                      (2, "recipient"): 3, (3, "provider"): 6, (3, "recipient"): 1}
    assert [r.id for r in active if r.obligation == "may" and r.level is not None] == []


def test_obligations_per_level_of_version_0_3():
    reg = _registry()
    assert reg.metadata.version == "0.3"
    active = [r for r in reg.requirements if r.status == "active"]
    table = {(r.level, r.obligation): 0 for r in active}
    for r in active:
        table[(r.level, r.obligation)] += 1
    assert table == {(1, "shall"): 25, (1, "should"): 15, (2, "shall"): 19, (2, "should"): 12,
                     (3, "shall"): 7, (None, "may"): 5}
    withdrawn = [r for r in reg.requirements if r.status == "withdrawn"]
    assert len(active) == 83 and len(withdrawn) == 27
    assert all(r.withdrawn_in == "0.3" for r in withdrawn)
