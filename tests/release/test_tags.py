"""Which tag the change report compares with: the highest release tag below the version."""

from __future__ import annotations

from release_repo import git, make_repo

from stkit.release.git import previous_release, release_tags


def test_previous_release_is_the_highest_version_below(tmp_path):
    root = make_repo(tmp_path / "mini")
    for tag in ("v0.1", "v0.9", "v0.10", "ST.XX-v0.2", "v0.2", "ST.96-v1.0", "draft-3", "v1"):
        git(root, "tag", tag)
    assert release_tags(root) == {"0.1": "v0.1", "0.2": "v0.2", "0.9": "v0.9", "0.10": "v0.10",
                                  "1.0": "ST.96-v1.0"}
    assert previous_release(root, "0.11") == "v0.10"  # 0.10 comes after 0.9
    assert previous_release(root, "0.10") == "v0.9"
    assert previous_release(root, "0.9") == "v0.2"  # the plain tag wins over ST.XX-v0.2
    assert previous_release(root, "2.0") == "ST.96-v1.0"
    assert previous_release(root, "0.1") is None
