"""`advocacyquiz package`: each edition of the built site for the offline platforms groups run.

- Kolibri runs any zip with an `index.html` at its root as an HTML5 app, in a sandboxed iframe
  (`allow-scripts allow-same-origin`) with its own storage per learner. An edition's folder is
  already such an app: every link inside it is relative, and progress lives in the browser's
  storage. The zip is reproducible (sorted names, fixed dates), so two builds can be compared.
- Kiwix reads ZIM files (phones, Internet-in-a-Box): one per edition, written with libzim, with
  the metadata Kiwix's library shows (title, ISO 639-3 language, description, creator,
  publisher, date, a 48×48 PNG illustration) and a full-text index in the edition's language.
"""

from __future__ import annotations

import datetime
import io
import mimetypes
import re
import zipfile
from html import unescape
from pathlib import Path

from .manifest import UNLISTED

ISO_639_3 = {"ar": "ara", "en": "eng"}
DESCRIPTIONS = {  # Kiwix shows at most 80 characters
    "ar": "دورة مفتوحة في الإعلام المجتمعي والتدوين للمناصرة في مجال حقوق الإنسان",
    "en": "Open course on community media and blogging for human-rights advocacy",
}
CREATOR = "advocacyquiz course authors"
PUBLISHER = "advocacyquiz"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can hold: the same bytes for the same site


class PackageError(Exception):
    """A site that cannot be packaged, and why."""


def edition(site: Path, lang: str) -> Path:
    folder = site / lang
    if not (folder / "index.html").is_file():
        raise PackageError(f"{folder}: no index.html; build the site first (`advocacyquiz build`)")
    return folder


PRECOMPRESSED = (".gz", ".br")
"""The build's compressed copies, for web servers: a zip or a ZIM compresses on its own."""


def edition_files(folder: Path) -> list[Path]:
    """The edition's files in a stable order (the site's manifest, signatures and compressed
    copies stay out)."""
    return sorted(
        p for p in folder.rglob("*") if p.is_file() and p.name not in UNLISTED and p.suffix not in PRECOMPRESSED
    )


LINK = re.compile(r'\b(href|src)="([^"#?:]+)([^"]*)"')


def self_contained(html: str, page: Path, folder: Path) -> str:
    """The page with links that leave the edition (the language switch to the other edition)
    turned off: inside a package they would lead nowhere."""

    def keep_inside(found: re.Match[str]) -> str:
        target = (page.parent / found[2]).resolve()
        if target.is_relative_to(folder.resolve()):
            return found[0]
        return f'data-other-edition="{found[2]}{found[3]}"'

    return LINK.sub(keep_inside, html)


def packaged(file: Path, folder: Path) -> bytes:
    """A file's bytes as packaged: pages self-contained, everything else as built."""
    if file.suffix != ".html":
        return file.read_bytes()
    return self_contained(file.read_text(encoding="utf-8"), file, folder).encode("utf-8")


def front_page(folder: Path) -> str:
    """The page the edition's index.html forwards to (build.redirect_page), relative to the folder."""
    found = re.search(r'url=([^"]+)"', (folder / "index.html").read_text(encoding="utf-8"))
    return found[1] if found else "index.html"


# ---- Kolibri -------------------------------------------------------------------------------------
def kolibri_zip(site: Path, lang: str, out: Path) -> Path:
    """`out/advocacyquiz-<lang>.zip`: the edition as a Kolibri HTML5 app, index.html at its root."""
    folder = edition(site, lang)
    path = out / f"advocacyquiz-{lang}.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in edition_files(folder):
            info = zipfile.ZipInfo(file.relative_to(folder).as_posix(), ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, packaged(file, folder))
    return path


# ---- Kiwix ---------------------------------------------------------------------------------------
def illustration(size: int = 48) -> bytes:
    """The course's 48×48 PNG for Kiwix's library: a speech bubble on the site's blue."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (size, size), (10, 77, 140, 255))
    draw = ImageDraw.Draw(image)
    s = size / 48
    draw.rounded_rectangle((8 * s, 10 * s, 40 * s, 32 * s), radius=6 * s, fill="white")
    draw.polygon([(14 * s, 31 * s), (14 * s, 40 * s), (23 * s, 31 * s)], fill="white")
    for x in (16, 24, 32):
        draw.ellipse(((x - 2.5) * s, 18.5 * s, (x + 2.5) * s, 23.5 * s), fill=(10, 77, 140, 255))
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def page_title(html: str) -> str:
    found = re.search(r"<title>(.*?)</title>", html, re.S)
    return " ".join(unescape(found[1]).split()) if found else ""


def mimetype(path: Path) -> str:
    known = {".js": "application/javascript", ".mjs": "application/javascript", ".woff2": "font/woff2"}
    return known.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def zim_file(site: Path, lang: str, out: Path, *, date: datetime.date | None = None) -> Path:
    """`out/advocacyquiz-<lang>.zim`: the edition for Kiwix, searchable in its own language."""
    from libzim.writer import Creator, FileProvider, Hint, Item, StringProvider

    folder = edition(site, lang)
    path = out / f"advocacyquiz-{lang}.zim"
    path.unlink(missing_ok=True)  # libzim refuses to overwrite

    class SiteFile(Item):  # type: ignore[misc]
        def __init__(self, file: Path) -> None:
            super().__init__()
            self.file = file
            self.type = mimetype(file)
            self.html = packaged(file, folder).decode("utf-8") if self.type == "text/html" else ""

        def get_path(self) -> str:
            return self.file.relative_to(folder).as_posix()

        def get_title(self) -> str:
            return page_title(self.html)

        def get_mimetype(self) -> str:
            return self.type

        def get_contentprovider(self) -> FileProvider | StringProvider:
            return StringProvider(self.html) if self.html else FileProvider(str(self.file))

        def get_hints(self) -> dict[Hint, int]:
            # Pages with a title are what Kiwix lists and searches; redirects and assets are not.
            return {Hint.FRONT_ARTICLE: bool(self.html and self.get_title()), Hint.COMPRESS: _compressible(self.type)}

    title = short(page_title((folder / "index.html").read_text(encoding="utf-8")) or "advocacyquiz", 30)
    creator = Creator(str(path)).config_indexing(True, ISO_639_3[lang]).config_verbose(False)
    with creator:
        creator.set_mainpath(front_page(folder))
        for file in edition_files(folder):
            creator.add_item(SiteFile(file))
        creator.add_illustration(48, illustration())
        for name, value in (
            ("Name", f"advocacyquiz_{lang}_all"),
            ("Title", title),
            ("Language", ISO_639_3[lang]),
            ("Description", DESCRIPTIONS[lang]),
            ("Creator", CREATOR),
            ("Publisher", PUBLISHER),
            ("Date", (date or datetime.date.today()).isoformat()),
            ("Tags", "_category:other;advocacy;human rights;community media;_pictures:yes;_videos:no"),
        ):
            creator.add_metadata(name, value)
    return path


def short(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word (Kiwix's limit for a title is 30)."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if text[limit - 1] != " ":  # mid-word: drop the broken word
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ،,:;—-") + "…"


def _compressible(type_: str) -> bool:
    return type_.startswith("text/") or type_ in ("application/javascript", "application/json", "image/svg+xml")
