"""Shared fixtures, and the suite's tiers: every test is `fast` unless it drives a browser
(`browser`) or nbgrader (`nbgrader`). Run one tier with `-m fast`, `-m browser` or `-m nbgrader`;
every test has a time limit (pytest-timeout, `timeout` in pyproject.toml), so a hung kernel or
browser fails its test instead of hanging the run."""

from __future__ import annotations

from pathlib import Path

import pytest

from course import bank, book, write_bank

__all__ = ["bank", "book", "write_bank"]

HERE = Path(__file__).parent
NBGRADER_FILES = {"test_grading.py", "test_released_notebooks.py"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        path = Path(str(item.fspath))
        if HERE / "browser" in path.parents:
            item.add_marker(pytest.mark.browser)
        elif path.name in NBGRADER_FILES:
            item.add_marker(pytest.mark.nbgrader)
        else:
            item.add_marker(pytest.mark.fast)
