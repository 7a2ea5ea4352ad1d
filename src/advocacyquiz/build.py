"""`advocacyquiz build`: both editions of the book, strict, into one offline site.

    _build/html/index.html     chooses a language
    _build/html/ar/…           the Arabic edition (_config.yml, _toc.yml)
    _build/html/en/…           the English edition (_config.en.yml, _toc.en.yml)

Each edition is a Jupyter Book 1 build of its own, run side by side on two cores; its notebook
cache lives in _build/editions/<lang>/ so a rebuild re-runs only what changed. A changed
advocacyquiz (its extension, runtime or templates) rebuilds every page: Sphinx, finding no page
out of date, would otherwise keep the old search code and scripts in _static/.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from html import escape
from pathlib import Path

import yaml
from tqdm import tqdm

from .manifest import write_manifest
from .validate import validate


@dataclass(frozen=True)
class Edition:
    lang: str
    config: str
    toc: str

    def title(self, root: Path) -> str:
        return str(yaml.safe_load((root / self.config).read_text(encoding="utf-8")).get("title", ""))


EDITIONS = (Edition("ar", "_config.yml", "_toc.yml"), Edition("en", "_config.en.yml", "_toc.en.yml"))
PROGRESS = re.compile(r"\[\s*(\d+)%\]")
PROBLEM = re.compile(r"WARNING|ERROR|Traceback|Exception", re.IGNORECASE)


class BuildError(Exception):
    """A failed build, with the lines that say why."""


def build(root: Path, *, progress: bool = True) -> Path:
    """Build the whole site under root/_build/html and return that folder."""
    report = validate([root / "book"])
    if report.problems:
        raise BuildError("\n".join(map(str, report.problems)))
    work = root / "_build" / "editions"
    site = root / "_build" / "html"
    failures: dict[str, list[str]] = {}
    bars = {
        e.lang: tqdm(
            total=100,
            desc=f"edition {e.lang}",
            position=i,
            unit="%",
            disable=not progress,
            leave=True,
            bar_format="{desc}: {percentage:3.0f}%|{bar}| {elapsed}",
        )
        for i, e in enumerate(EDITIONS)
    }
    code = code_version()
    threads = [
        threading.Thread(target=_build_edition, args=(root, e, work, code, bars[e.lang], failures)) for e in EDITIONS
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for bar in bars.values():
        bar.close()
    if failures:
        lines = [f"[{lang}] {line}" for lang, problems in failures.items() for line in problems]
        raise BuildError("\n".join(lines) + f"\nfull logs: {work}/<lang>.log")
    if site.exists():
        shutil.rmtree(site)
    for edition in EDITIONS:
        shutil.copytree(work / edition.lang / "_build" / "html", site / edition.lang)
        (site / edition.lang / "index.html").write_text(redirect_page(root, edition), encoding="utf-8")
    (site / "index.html").write_text(landing_page(root), encoding="utf-8")
    precompress(site)
    write_manifest(site)  # last: it lists every file written above, compressed copies included
    return site


COMPRESSIBLE = (".html", ".css", ".js", ".svg", ".json", ".txt", ".inv")


def precompress(site: Path) -> None:
    """A .gz (and a .br, when the brotli package is there) beside every text file that shrinks,
    for a server that can send them as they are (nginx gzip_static, Caddy precompressed)."""
    try:
        import brotli
    except ImportError:  # optional: gzip alone still saves most of the bytes
        brotli = None
    for path in site.rglob("*"):
        if not path.is_file() or path.suffix not in COMPRESSIBLE:
            continue
        data = path.read_bytes()
        packed = {".gz": gzip.compress(data, compresslevel=9, mtime=0)}
        if brotli is not None:
            packed[".br"] = brotli.compress(data, quality=11)
        for suffix, body in packed.items():
            if len(body) < len(data):
                path.with_name(path.name + suffix).write_bytes(body)


def _build_edition(
    root: Path, edition: Edition, work: Path, code: str, bar: tqdm, failures: dict[str, list[str]]
) -> None:
    out = work / edition.lang
    out.mkdir(parents=True, exist_ok=True)
    command = edition_command(root, edition, out, code)
    log = work / f"{edition.lang}.log"
    problems: list[str] = []
    with (
        log.open("w", encoding="utf-8") as log_file,
        subprocess.Popen(
            command,
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
            env=_environment(),
        ) as process,
    ):
        assert process.stdout is not None
        for line in process.stdout:
            log_file.write(line)
            plain = re.sub(r"\x1b\[[0-9;]*m", "", line).rstrip()
            if "writing output" in plain and (match := PROGRESS.search(plain)):
                bar.update(int(match[1]) - bar.n)
            elif PROBLEM.search(plain) and "MdParserConfig" not in plain and "NbParserConfig" not in plain:
                problems.append(plain)
    if process.returncode != 0:
        failures[edition.lang] = problems or [f"jupyter-book exited with {process.returncode}; see {log}"]
    else:
        (out / CODE_STAMP).write_text(code, encoding="utf-8")
        bar.update(100 - bar.n)


CODE_STAMP = "advocacyquiz-code.txt"
"""In an edition's work folder: the code_version its pages were last built with."""


def edition_command(root: Path, edition: Edition, out: Path, code: str) -> list[str]:
    """jupyter-book's build of one edition, strict (a Sphinx warning fails it); every page is
    rebuilt (`--all`) when this package's code (`code_version`) changed since the last build."""
    command = [
        sys.executable,
        "-c",
        "from jupyter_book.cli.main import main; main()",
        "build",
        str(root),
        "--path-output",
        str(out),
        "--config",
        str(root / edition.config),
        "--toc",
        str(root / edition.toc),
        "-W",
        "-n",
        "--keep-going",
    ]
    stamp = out / CODE_STAMP
    if not stamp.is_file() or stamp.read_text(encoding="utf-8") != code:
        command.append("--all")
    return command


def code_version() -> str:
    """A hash of this package's own files: what the built pages depend on besides the book."""
    package = Path(__file__).parent
    digest = hashlib.blake2b(digest_size=12)
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _environment() -> dict[str, str]:
    return {**os.environ, "PYTHONIOENCODING": "utf-8", "LANG": os.environ.get("LANG") or "C.UTF-8"}


def redirect_page(root: Path, edition: Edition) -> str:
    """An edition's folder index: on to its front page (Jupyter Book's own has no lang or dir)."""
    front = yaml.safe_load((root / edition.toc).read_text(encoding="utf-8"))["root"] + ".html"
    direction = "rtl" if edition.lang == "ar" else "ltr"
    title = escape(edition.title(root))
    return (
        f'<!DOCTYPE html>\n<html lang="{edition.lang}" dir="{direction}">\n<head><meta charset="utf-8">'
        f'<meta http-equiv="refresh" content="0; url={front}"><title>{title}</title></head>\n'
        f'<body><p><a href="{front}">{title}</a></p></body>\n</html>\n'
    )


def landing_page(root: Path) -> str:
    """The site's front door: both editions, each in its own language and direction."""
    ar, en = (escape(e.title(root)) for e in EDITIONS)
    return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{ar} · {en}</title>
<style>
  body {{ margin: 0; min-height: 100vh; display: grid; place-items: center; background: #f6f7f9; color: #1d2433;
         font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "Geeza Pro", "Segoe UI", Tahoma, sans-serif; }}
  main {{ display: grid; gap: 1rem; padding: 1.5rem; width: min(32rem, 100%); box-sizing: border-box; }}
  a {{ display: block; padding: 1.25rem 1.5rem; border-radius: .6rem; background: #fff; color: #0a4d8c;
       text-decoration: none; border: 2px solid #0a4d8c; }}
  a:focus-visible, a:hover {{ background: #0a4d8c; color: #fff; }}
  strong {{ display: block; font-size: 1.4rem; }}
  [lang="en"] {{ font-family: system-ui, "Segoe UI", Roboto, sans-serif; }}
</style>
</head>
<body>
<main>
  <h1 style="position:absolute;clip:rect(0 0 0 0)">{ar} · <span lang="en" dir="ltr">{en}</span></h1>
  <a href="ar/index.html" hreflang="ar"><strong>العربية</strong>{ar}</a>
  <a href="en/index.html" hreflang="en" lang="en" dir="ltr"><strong>English</strong>{en}</a>
</main>
</body>
</html>
"""
