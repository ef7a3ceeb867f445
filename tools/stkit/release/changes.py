"""The change report of a release: what changed since the previous release tag, through
`stkit diff`'s own API, as Markdown and as a standalone HTML page with the redline."""

from __future__ import annotations

from pathlib import Path

from .build import BuildError

FORMATS = {"md": "markdown", "html": "html"}


def reports(root: Path, base_tag: str, head: str) -> dict[str, str]:
    """{'md': text, 'html': text} comparing the tag `base_tag` with the commit `head` (the
    release commit: the gates made sure the working tree is clean)."""
    from ..diff import report
    from ..diff.command import RENDERERS

    result = report(root, base_tag, head)
    if result.get("errors"):
        messages = "; ".join(error["message"] for error in result["errors"])
        raise BuildError(f"the change report against {base_tag} failed: {messages}")
    texts = {}
    for suffix, name in FORMATS.items():
        text = RENDERERS[name](result)
        texts[suffix] = text if text.endswith("\n") else text + "\n"
    return texts


def tracked_docx(root: Path, base_tag: str, head: str, target: Path, epoch: int) -> None:
    """The text of the release with every change since `base_tag` as Word tracked changes
    (`stkit diff --format docx`), built with the release's reproducible environment."""
    from ..diff.render_docx import DocxDiffError, write
    from .reproducible import build_environment

    try:
        write(root, base_tag, head, target, env=build_environment(epoch, release=False))
    except DocxDiffError as exc:
        raise BuildError(f"the tracked-changes DOCX against {base_tag} failed: {exc}") from None
