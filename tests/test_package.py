"""Kolibri and Kiwix packages of a tiny fake site (the real build is packaged in
tests/browser/test_packages.py): what the platforms require, read back with their own tools."""

from __future__ import annotations

import gzip
import io
import zipfile
from pathlib import Path

import pytest
from libzim.reader import Archive
from libzim.search import Query, Searcher
from PIL import Image

from advocacyquiz.cli import main
from advocacyquiz.manifest import write_manifest
from advocacyquiz.package import PackageError, kolibri_zip, short, zim_file

PAGE = """<!DOCTYPE html>
<html lang="{lang}" dir="{dir}"><head><meta charset="utf-8"><title>{title}</title>
<script src="../../_static/advocacyquiz.js"></script></head>
<body><p>{text}</p><a href="other.html#top">next</a> <a href="../../../{other}/book/{other}/intro.html">{other}</a></body></html>
"""


def fake_site(root: Path) -> Path:
    """Two editions laid out as `advocacyquiz build` lays them out, with a manifest."""
    texts = {"ar": ("مقدمة", "المدونون يوثّقون الانتهاكات بالصور"), "en": ("Introduction", "Bloggers document abuses")}
    for lang, other in (("ar", "en"), ("en", "ar")):
        edition = root / lang
        (edition / "book" / lang).mkdir(parents=True)
        (edition / "_static").mkdir()
        (edition / "_static" / "advocacyquiz.js").write_text("window.advocacyquiz = {};\n", encoding="utf-8")
        title, text = texts[lang]
        direction = "rtl" if lang == "ar" else "ltr"
        for name in ("intro", "other"):
            (edition / "book" / lang / f"{name}.html").write_text(
                PAGE.format(lang=lang, dir=direction, title=f"{title} {name}", text=text, other=other), encoding="utf-8"
            )
        (edition / "index.html").write_text(
            f'<!DOCTYPE html><html lang="{lang}"><head><meta http-equiv="refresh" content="0; url=book/{lang}/intro.html">'
            f"<title>{title}</title></head><body></body></html>",
            encoding="utf-8",
        )
    (root / "index.html").write_text("<!DOCTYPE html><title>both</title>", encoding="utf-8")
    for page in root.rglob("*.html"):  # the build's compressed copies, as a web server would want them
        page.with_name(page.name + ".gz").write_bytes(gzip.compress(page.read_bytes()))
    write_manifest(root)
    return root


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return fake_site(tmp_path / "html")


def test_kolibri_zip_has_index_at_its_root_and_stays_inside_itself(site: Path, tmp_path: Path) -> None:
    path = kolibri_zip(site, "ar", tmp_path)
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        assert names == sorted(names) and "index.html" in names and "_static/advocacyquiz.js" in names
        assert not any(n.startswith(("/", "..")) or n.startswith(("ar/", "en/")) for n in names)
        assert "MANIFEST.sha256" not in names and not any(n.endswith((".gz", ".br")) for n in names)
        page = archive.read("book/ar/intro.html").decode()
        assert 'src="../../_static/advocacyquiz.js"' in page and 'href="other.html#top"' in page
        assert 'href="../../../en/' not in page and 'data-other-edition="../../../en/book/en/intro.html"' in page
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert kolibri_zip(site, "ar", tmp_path).read_bytes() == path.read_bytes(), "the same site, the same bytes"


def test_zim_reads_back_with_metadata_pages_search_and_runtime(site: Path, tmp_path: Path) -> None:
    archive = Archive(zim_file(site, "ar", tmp_path))
    assert archive.main_entry.get_item().path == "book/ar/intro.html"
    metadata = {
        key: archive.get_metadata(key).decode() for key in archive.metadata_keys if key != "Illustration_48x48@1"
    }
    assert metadata["Language"] == "ara" and metadata["Title"] == "مقدمة"
    assert len(metadata["Description"]) <= 80 and metadata["Creator"] and metadata["Publisher"] and metadata["Date"]
    icon = Image.open(io.BytesIO(bytes(archive.get_illustration_item(48).content)))
    assert icon.format == "PNG" and icon.size == (48, 48)
    page = bytes(archive.get_entry_by_path("book/ar/intro.html").get_item().content).decode()
    assert "الانتهاكات" in page and 'href="../../../en/' not in page
    script = archive.get_entry_by_path("_static/advocacyquiz.js").get_item()
    assert script.mimetype == "application/javascript" and bytes(script.content).startswith(b"window.advocacyquiz")
    assert archive.has_fulltext_index
    results = Searcher(archive).search(Query().set_query("الانتهاكات"))
    assert results.getEstimatedMatches() >= 1
    assert "book/ar/intro.html" in list(results.getResults(0, 10))
    assert Archive(zim_file(site, "en", tmp_path)).get_metadata("Language") == b"eng"


def test_short_titles_are_cut_at_a_word() -> None:
    assert short("Community media for advocacy: an open course", 30) == "Community media for advocacy…"
    assert short("Short", 30) == "Short"


def test_package_command(site: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "packages"
    assert main(["package", "--kolibri", "--site", str(site), "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["advocacyquiz-ar.zip", "advocacyquiz-en.zip"]
    assert "wrote" in capsys.readouterr().out
    assert main(["package", "--site", str(site), "--out", str(out)]) == 2  # neither --kolibri nor --zim
    assert main(["package", "--zim", "--site", str(tmp_path / "nowhere"), "--out", str(out)]) == 2
    with pytest.raises(PackageError, match=r"no index\.html"):
        kolibri_zip(tmp_path, "ar", out)
