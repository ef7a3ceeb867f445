"""The transparency dashboard: built from a folder of conformance statements (build.py),
charted with matplotlib's SVG backend (charts.py), written as HTML, CSV and JSON (write.py).
The Sphinx page `conformance-dashboard` is stkit/sphinx/dashboard.py."""
