"""Wall time of each part of a sphinx-build, without a profiler's overhead: every transform
and post-transform (by class), MyST's parsing, every event handler, the builder's phases.

    PROFILE_OUT=parts.json python benchmarks/profile_build.py SPHINX-BUILD-ARGUMENTS...

Prints the parts (largest first) and, with PROFILE_OUT, writes them as JSON. Compare two
builds (ours and the floor's, docs/benchmarks.md) part by part to see where time goes.
"""

from __future__ import annotations

import collections
import json
import os
import sys
import time

from docutils import transforms
from myst_parser.parsers.sphinx_ import MystParser
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.cmd.build import main as sphinx_main
from sphinx.events import EventManager

PARTS: collections.Counter = collections.Counter()


def timed(label: str, function):
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            PARTS[label] += time.perf_counter() - start
    return wrapper


def apply_transforms(self) -> None:
    """docutils' Transformer.apply_transforms, with each transform timed."""
    self.document.reporter.attach_observer(self.document.note_transform_message)
    while self.transforms:
        if not self.sorted:
            self.transforms.sort(reverse=True)
            self.sorted = True
        priority, transform_class, pending, kwargs = self.transforms.pop()
        transform = transform_class(self.document, startnode=pending)
        start = time.perf_counter()
        transform.apply(**kwargs)
        PARTS[f"transform {transform_class.__module__}.{transform_class.__name__}"] += time.perf_counter() - start
        self.applied.append((priority, transform_class, pending, kwargs))
    self.document.reporter.detach_observer(self.document.note_transform_message)


def emit(self, name, *args, allowed_exceptions=(), **kwargs):
    """Sphinx's EventManager.emit, with each handler timed (exceptions propagate as they are)."""
    results = []
    for listener in sorted(self.listeners[name], key=lambda item: item.priority):
        handler = listener.handler
        label = f"event {name}: {getattr(handler, '__module__', '')}.{getattr(handler, '__qualname__', handler)}"
        start = time.perf_counter()
        try:
            results.append(handler(self.app, *args))
        finally:
            PARTS[label] += time.perf_counter() - start
    return results


def install() -> None:
    transforms.Transformer.apply_transforms = apply_transforms
    EventManager.emit = emit
    MystParser.parse = timed("MyST parse (with directives and roles)", MystParser.parse)
    Sphinx.__init__ = timed("phase init (config, extensions, builder-inited)", Sphinx.__init__)
    Builder.read = timed("phase read", Builder.read)
    Builder.write = timed("phase write", Builder.write)
    Builder.write_doctree = timed("pickle doctrees", Builder.write_doctree)
    StandaloneHTMLBuilder.write_doc = timed("HTML translation and writing", StandaloneHTMLBuilder.write_doc)
    StandaloneHTMLBuilder.index_page = timed("search index", StandaloneHTMLBuilder.index_page)
    StandaloneHTMLBuilder.finish = timed("phase finish", StandaloneHTMLBuilder.finish)


def main(argv: list[str]) -> int:
    install()
    start = time.perf_counter()
    try:
        code = sphinx_main(argv)
    finally:
        PARTS["TOTAL"] = time.perf_counter() - start
        for label, seconds in PARTS.most_common(40):
            print(f"{seconds:8.3f}  {label}", file=sys.stderr)
        if os.environ.get("PROFILE_OUT"):
            with open(os.environ["PROFILE_OUT"], "w", encoding="utf-8") as out:
                json.dump(dict(PARTS), out, indent=1, sort_keys=True)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
