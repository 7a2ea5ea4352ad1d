"""A verifiable copy: the manifest every build writes, checked by `advocacyquiz verify` and by
the standard `sha256sum -c`, on an untouched copy and on copies with a file added, removed or
altered."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from advocacyquiz.cli import main
from advocacyquiz.manifest import MANIFEST, ManifestError, read_manifest, verify, write_manifest

FILES = {
    "index.html": "<!DOCTYPE html><title>both</title>",
    "ar/book/ar/intro.html": "<p>مقدمة</p>",
    "en/book/en/intro.html": "<p>Introduction</p>",
    "ar/_static/advocacyquiz.js": "window.advocacyquiz = {};",
    "en/_static/images/logo with space.svg": "<svg/>",
}


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A small site with its manifest, as `advocacyquiz build` leaves it, copied as onto a stick."""
    site = tmp_path / "html"
    for name, text in FILES.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    write_manifest(site)
    stick = tmp_path / "usb" / "advocacyquiz"
    shutil.copytree(site, stick)
    return stick


def test_the_manifest_is_sha256sum_format_and_standard_tools_accept_it(copy: Path) -> None:
    lines = (copy / MANIFEST).read_text(encoding="utf-8").splitlines()
    assert [line.split("  ", 1)[1] for line in lines] == sorted(FILES)
    assert all(len(line.split("  ")[0]) == 64 for line in lines)
    if shutil.which("sha256sum"):
        done = subprocess.run(["sha256sum", "--check", "--strict", MANIFEST], cwd=copy, capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr


def test_an_untouched_copy_verifies(copy: Path, capsys) -> None:
    assert verify(copy).ok
    assert main(["verify", str(copy)]) == 0
    assert f"all {len(FILES)} files match" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("tamper", "line"),
    [
        (
            lambda c: (c / "ar/book/ar/extra.html").write_text("<script>steal()</script>"),
            "added: ar/book/ar/extra.html",
        ),
        (lambda c: (c / "en/book/en/intro.html").unlink(), "missing: en/book/en/intro.html"),
        (
            lambda c: (c / "ar/_static/advocacyquiz.js").write_text("fetch('//x')"),
            "changed: ar/_static/advocacyquiz.js",
        ),
    ],
    ids=["added", "removed", "altered"],
)
def test_a_tampered_copy_is_named_file_by_file(copy: Path, tamper, line: str, capsys) -> None:
    tamper(copy)
    assert main(["verify", str(copy)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == line and len(out) == 2
    assert "does NOT match" in out[1]


def test_every_kind_of_change_at_once(copy: Path) -> None:
    (copy / "index.html").write_text("altered", encoding="utf-8")
    (copy / "en/_static/images/logo with space.svg").unlink()
    (copy / "new.js").write_text("", encoding="utf-8")
    report = verify(copy)
    assert (report.changed, report.missing, report.added) == (
        ("index.html",),
        ("en/_static/images/logo with space.svg",),
        ("new.js",),
    )


def test_a_signature_beside_the_manifest_is_not_an_added_file(copy: Path) -> None:
    (copy / f"{MANIFEST}.minisig").write_text("untrusted comment: signature", encoding="utf-8")
    (copy / f"{MANIFEST}.asc").write_text("-----BEGIN PGP SIGNATURE-----", encoding="utf-8")
    assert verify(copy).ok


def test_no_or_broken_manifest_is_said_plainly(copy: Path, tmp_path: Path, capsys) -> None:
    assert main(["verify", str(tmp_path / "empty")]) == 2
    assert "no MANIFEST.sha256" in capsys.readouterr().err
    (copy / MANIFEST).write_text("not a manifest line\n", encoding="utf-8")
    with pytest.raises(ManifestError, match=r"MANIFEST\.sha256:1:1: not a `sha256sum` line"):
        read_manifest(copy / MANIFEST)
    assert main(["verify", str(copy)]) == 1
    assert "MANIFEST.sha256:1:1" in capsys.readouterr().err
