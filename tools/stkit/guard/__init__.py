"""What may be read into the output: only regular files inside the repository.

`paths` decides whether a path may be read (before anything is opened); `markdown` reads
what a source asks to be read or loaded (directives and their options, images, links,
front matter, math) from markdown-it-py's tokens, the parser the build itself uses. The
checker (`stkit check`) and the Sphinx extension both ask these two modules, so they agree.
See docs/hardening.md.
"""
