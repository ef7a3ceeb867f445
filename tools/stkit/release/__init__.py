"""`stkit release`: the versioned, reproducible release bundle for the Secretariat.

One module, one job: `gates` refuses a release before anything is written, `build` runs
Sphinx and the PDF step in a clean environment, `exports` turns the registry into JSON and
CSV, `changes` writes the change report against the previous release tag, `stamps`
verifies that every output says the same version and status, `reproducible` writes
byte-stable zips and checksums, and `bundle` assembles it all atomically under dist/.
"""
