"""The output folder holds what the current sources make: nothing of an earlier build is left."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import copy_site, run_sphinx
from sphinx.cmd.build import build_main

GALLERY = """# Gallery

```{image} figure.png
:alt: a figure
```

Notes: {download}`notes.txt`.
"""


def files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}


def add_gallery(src: Path) -> None:
    """A page with an image and a download, and a folder of extra files for the site's root."""
    (src / "sections" / "gallery.md").write_text(GALLERY)
    (src / "sections" / "figure.png").write_bytes((src / "photo.png").read_bytes())
    (src / "sections" / "notes.txt").write_text("notes\n")
    index = src / "index.md"
    index.write_text(index.read_text().replace("sections/skills\n", "sections/skills\nsections/gallery\n"))
    (src / "extra" / "old").mkdir(parents=True)
    (src / "extra" / "keep.html").write_text("<p>extra</p>")
    (src / "extra" / "old" / "flyer.pdf").write_bytes(b"%PDF-1.4 extra")


def drop_gallery_and_a_paper(src: Path) -> None:
    (src / "sections" / "gallery.md").unlink()
    index = src / "index.md"
    index.write_text(index.read_text().replace("sections/gallery\n", ""))
    bib = src / "refs.bib"
    bib.write_text(re.sub(r"@inproceedings\{example2020step,.*?\n\}\n", "", bib.read_text(), flags=re.DOTALL))


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory) -> tuple[Path, Path, Path]:
    """The site built, with a page, a paper and the PDF's name removed or changed, built again."""
    tmp = tmp_path_factory.mktemp("stale")
    src = copy_site(tmp / "src")
    add_gallery(src)
    out = tmp / "out"
    first = run_sphinx(src, builddir=out, confoverrides={"html_extra_path": ["extra"]})
    assert first.warning.getvalue() == ""
    html = first.outdir
    assert {"sections/gallery.html", "papers/example2020step.html", "ada-example-cv.pdf"} <= files(html)
    assert any(name.startswith("_downloads/") for name in files(html))
    # files no build of this project made: another extension's image, a note, a page outside the site
    (html / "_images" / "graphviz-0123.png").write_bytes(b"png")
    (html / "notes-of-the-owner.txt").write_text("mine")
    (out / "outside.html").write_text("not in the output folder")
    drop_gallery_and_a_paper(src)
    overrides = {"html_extra_path": ["extra"], "portfolio_pdf_name": "renamed-cv.pdf"}
    again = run_sphinx(src, builddir=out, confoverrides=overrides)
    assert again.warning.getvalue() == ""
    fresh = run_sphinx(src, builddir=tmp / "fresh", confoverrides=overrides)
    return out, again.outdir, fresh.outdir


def test_removed_page_paper_pdf_image_and_download_are_gone(rebuilt):
    _, html, _ = rebuilt
    found = files(html)
    assert "sections/gallery.html" not in found
    assert "papers/example2020step.html" not in found and "papers/example2015pixel.html" in found
    assert "ada-example-cv.pdf" not in found and "renamed-cv.pdf" in found
    assert "_images/figure.png" not in found and "_images/photo.png" in found
    assert not any(name.startswith("_downloads/") for name in found)
    assert not (html / "_downloads").exists() or not any((html / "_downloads").iterdir())


def test_extra_files_and_files_of_others_stay(rebuilt):
    out, html, _ = rebuilt
    found = files(html)
    assert {"keep.html", "old/flyer.pdf"} <= found  # html_extra_path
    assert {"_images/graphviz-0123.png", "notes-of-the-owner.txt"} <= found
    assert (out / "outside.html").read_text() == "not in the output folder"
    assert (out / "doctrees" / "environment.pickle").is_file()


def test_incremental_build_leaves_the_files_of_a_clean_one(rebuilt):
    _, html, fresh = rebuilt
    planted = {"_images/graphviz-0123.png", "notes-of-the-owner.txt"}
    sphinx_backup = {".buildinfo.bak"}  # Sphinx's own, after the configuration changed
    assert files(html) - planted - sphinx_backup == files(fresh)


def test_doctrees_inside_the_output_folder_stay(tmp_path):
    """``sphinx-build -b html SRC OUT`` keeps doctrees in ``OUT/.doctrees``: never judged."""
    src = copy_site(tmp_path / "src")
    out = tmp_path / "out"
    args = ["-q", "-b", "html", str(src), str(out)]
    assert build_main(args) == 0
    doctrees = files(out / ".doctrees")
    assert "sections/talks.doctree" in doctrees
    (src / "sections" / "talks.md").unlink()
    index = src / "index.md"
    index.write_text(index.read_text().replace("sections/talks\n", ""))
    (src / "index.md").write_text(index.read_text().replace("{cv:talk}`keynote-2023`", "a keynote"))
    assert build_main(args) == 0
    assert "sections/talks.html" not in files(out)
    assert files(out / ".doctrees") >= doctrees - {"sections/talks.doctree"}
    assert (out / ".buildinfo").is_file() and (out / "objects.inv").is_file()
