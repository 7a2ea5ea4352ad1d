"""A verifiable copy of the site: `MANIFEST.sha256` lists every file with its SHA-256.

The manifest is in `sha256sum` format (`<hex>  <path>`, paths relative to the site, `/` between
folders, sorted), so anyone can check a copy with standard tools (`sha256sum -c MANIFEST.sha256`)
as well as with `advocacyquiz verify`, and an organisation can sign the one file with minisign or
GnuPG to vouch for the whole copy. The manifest itself and its signatures are not listed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

MANIFEST = "MANIFEST.sha256"
UNLISTED = frozenset({MANIFEST, f"{MANIFEST}.minisig", f"{MANIFEST}.sig", f"{MANIFEST}.asc"})
"""The manifest and the usual names of its detached signatures."""


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def site_files(site: Path) -> list[str]:
    """Every file under `site` as a relative POSIX path, sorted, the manifest and signatures left out."""
    names = (p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() or p.is_symlink())
    return sorted(name for name in names if name not in UNLISTED)


def manifest_text(site: Path) -> str:
    return "".join(f"{sha256(site / name)}  {name}\n" for name in site_files(site))


def write_manifest(site: Path) -> Path:
    """Write `site/MANIFEST.sha256` and return its path."""
    path = site / MANIFEST
    path.write_text(manifest_text(site), encoding="utf-8", newline="\n")
    return path


class ManifestError(ValueError):
    """A manifest line that is not `<64 hex digits>  <path>`."""


def read_manifest(path: Path) -> dict[str, str]:
    """Relative path → expected SHA-256, from a file in `sha256sum` format."""
    expected: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        digest, separator, name = line.partition("  ")
        if not separator or len(digest) != 64 or not name or any(c not in "0123456789abcdef" for c in digest):
            raise ManifestError(f"{path}:{number}:1: not a `sha256sum` line (`<64 hex digits>  <path>`): {line!r}")
        expected[name.removeprefix("*")] = digest  # `*` marks binary mode in sha256sum's output
    return expected


@dataclass(frozen=True)
class Report:
    added: tuple[str, ...]
    missing: tuple[str, ...]
    changed: tuple[str, ...]
    checked: int

    @property
    def ok(self) -> bool:
        return not (self.added or self.missing or self.changed)

    def lines(self) -> list[str]:
        return (
            [f"changed: {name}" for name in self.changed]
            + [f"missing: {name}" for name in self.missing]
            + [f"added: {name}" for name in self.added]
        )

    def summary(self, copy: Path) -> str:
        if self.ok:
            return f"{copy}: all {self.checked} files match {MANIFEST}"
        counts = f"{len(self.changed)} changed, {len(self.missing)} missing, {len(self.added)} added"
        return f"{copy}: does NOT match {MANIFEST}: {counts}; do not hand this copy on"


def verify(copy: Path) -> Report:
    """Compare a copy of the site with the manifest it carries."""
    expected = read_manifest(copy / MANIFEST)
    present = set(site_files(copy))
    changed = tuple(sorted(name for name in expected.keys() & present if sha256(copy / name) != expected[name]))
    return Report(
        added=tuple(sorted(present - expected.keys())),
        missing=tuple(sorted(expected.keys() - present)),
        changed=changed,
        checked=len(expected),
    )
