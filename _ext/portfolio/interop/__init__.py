"""Moving a CV in and out: ``resume.json`` written with every HTML build (the one part that runs in
Sphinx: ``jsonresume.ResumeJSON``, an output of ``pipeline.py``), and the commands that bring
content in: the starter (``nox -s new``), the RenderCV and JSON Resume importers, which replace the
content (``project.replace_content``), the ORCID merge and ``enrich``, which add to it and never
overwrite. They share one card writer (``cards``), one bib writer (``bib``), one report
(``report``), the safe Markdown subset (``markdown``) and a polite HTTP client (``http``)."""
