"""Conformance statements as data: their schema, `stkit conformance check|template|levels|
dashboard`, and the transparency dashboard of the HTML site. See docs/conformance.md.

Nothing here is imported by `stkit check` or by the Sphinx build unless it is used: the
dashboard's plotting library (matplotlib) is imported only when there are statements to plot.
"""
