"""The mini standard's PDF, built once for the PDF tests that only read it."""

from __future__ import annotations

import pytest

from pdf_site import build, copy_mini


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    return build(copy_mini(tmp_path_factory.mktemp("pdf")))
