"""The ST.3 codes left for individual use (data: individual_use_codes.yaml)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml


@lru_cache(maxsize=None)
def _table() -> dict:
    text = resources.files("stkit").joinpath("conformance", "individual_use_codes.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def for_individual_use(code: str) -> bool:
    """True when ST.3 leaves `code` for individual use: no real office has it."""
    table = _table()
    if code in table["assigned"]:
        return False
    return any(low <= code <= high for low, high in table["ranges"])
