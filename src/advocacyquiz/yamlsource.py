"""Read a YAML file into plain data while remembering where every node came from.

PyYAML's composer gives nodes with marks; we build the data ourselves from those nodes so that
each value (and each mapping key) can be traced back to its line and column. Duplicate keys,
which PyYAML silently lets the last one win, are reported instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import DataError, Problem

MAX_BYTES = 2_000_000
"""A course file is a few dozen kilobytes; anything this big is a mistake, not a bank."""
MAX_NODES = 200_000
"""Guards against alias bombs ("billion laughs"), which expand a small file into huge data."""

PathKey = tuple[int | str, ...]


@dataclass
class Source:
    """A parsed YAML document and the position of each of its nodes."""

    path: Path
    data: Any
    values: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    """1-based (line, col) of the value at each path."""
    keys: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    """1-based (line, col) of the mapping key that leads to each path."""

    def problem(self, path: PathKey, message: str, *, at_key: bool = False) -> Problem:
        """A problem placed at `path`, or at its nearest ancestor that exists in the file."""
        line, col = self.position(path, at_key=at_key)
        return Problem(self.path, line, col, message)

    def position(self, path: PathKey, *, at_key: bool = False) -> tuple[int, int]:
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            if at_key and prefix in self.keys:
                return self.keys[prefix]
            if prefix in self.values:
                return self.values[prefix]
        return (1, 1)


def read(path: Path) -> Source:
    """Parse `path`; raise DataError with positioned problems for anything unreadable."""
    text = _read_text(path)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise DataError([Problem(path, line, col, f"YAML syntax: {_yaml_message(error)}")]) from None
    except yaml.YAMLError as error:
        raise DataError([Problem(path, 1, 1, f"YAML syntax: {error}")]) from None
    except RecursionError:
        raise DataError([Problem(path, 1, 1, "the YAML is nested too deeply to be course data")]) from None
    if node is None:
        raise DataError([Problem(path, 1, 1, "the file is empty; it should hold a YAML mapping")])
    source = Source(path, None)
    builder = _Builder(source)
    try:
        source.data = builder.build(node, ())
    except RecursionError:
        raise DataError([Problem(path, 1, 1, "the YAML is nested too deeply to be course data")]) from None
    if builder.problems:
        raise DataError(builder.problems)
    return source


def _read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise DataError(
                [Problem(path, 1, 1, f"file is {size:,} bytes; course data files must be under {MAX_BYTES:,}")]
            )
        raw = path.read_bytes()
    except OSError as error:
        raise DataError([Problem(path, 1, 1, f"cannot read the file: {error.strerror or error}")]) from None
    if b"\x00" in raw:
        raise DataError([Problem(path, 1, 1, "this is a binary file, not YAML text")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        col = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise DataError([Problem(path, line, col, "the file is not UTF-8 text; save it as UTF-8")]) from None


def _yaml_message(error: yaml.MarkedYAMLError) -> str:
    parts = [error.context, error.problem]
    return "; ".join(p for p in parts if p) or "cannot parse"


class _Builder:
    """Turns composed nodes into dicts, lists and scalars, recording positions as it goes."""

    def __init__(self, source: Source) -> None:
        self._scalars = yaml.SafeLoader("")  # only its scalar constructors are used
        self.source = source
        self.problems: list[Problem] = []
        self.count = 0

    def build(self, node: yaml.Node, path: PathKey) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise DataError(
                [
                    Problem(
                        self.source.path,
                        1,
                        1,
                        f"more than {MAX_NODES:,} YAML nodes (aliases expanding?); not course data",
                    )
                ]
            )
        self.source.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return dict(self._mapping(node, path))
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        try:
            return self._scalars.construct_object(node, deep=True)
        except yaml.MarkedYAMLError as error:
            self._problem(node, f"cannot read this value: {_yaml_message(error)}")
            return None

    def _mapping(self, node: yaml.MappingNode, path: PathKey) -> Iterator[tuple[Any, Any]]:
        self._scalars.flatten_mapping(node)  # resolves `<<` merge keys
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = self.build(key_node, (*path, "<key>"))
            if not isinstance(key, str | int | bool | float) or key is None:
                self._problem(key_node, "a mapping key must be a plain word")
                continue
            if key in seen:
                self._problem(key_node, f"duplicate key `{key}`; each key may appear once in a mapping")
                continue
            seen.add(key)
            step = key if isinstance(key, int | str) else str(key)  # a float key names its place as text
            self.source.keys[(*path, step)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            yield key, self.build(value_node, (*path, step))

    def _problem(self, node: yaml.Node, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.source.path, mark.line + 1, mark.column + 1, message))
