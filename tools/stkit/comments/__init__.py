"""Comment rounds: delegates of IP offices comment on a draft in a Word or spreadsheet form,
the Task Force answers each comment (docs/comments.md).

One module, one job:

- `form.py`: what a form holds (its columns, the line naming the standard, version and
  revision it was made on, how a reference to a paragraph or requirement is written);
- `targets.py`: the paragraphs and requirements of one revision, in the standard's order;
- `template_docx.py`, `template_xlsx.py`, `template_csv.py`: the blank forms;
- `read_docx.py`, `read_xlsx.py`, `read_csv.py`: filled forms back into rows;
- `importer.py`: rows -> comment records, with every error located in the form;
- `records.py`, `store.py`: the records and `comments/<round>.yaml` (schema-validated,
  written atomically);
- `anchors.py`: a comment's paragraph or requirement as it is now (renumbered, reworded,
  removed, withdrawn), through the paragraph matching of `stkit diff`;
- `compilation.py` and `report_html.py`, `report_docx.py`, `report_csv.py`: the
  compilation of comments the Secretariat circulates;
- `checks.py`: the CMT rules of `stkit check` and the release gate;
- `command.py`: `stkit comments template|import|report|dispose|list`.
"""
