"""Autograding 50 submissions of one assignment with one and with two workers.

Run apart from the tests:  .venv/bin/python -m pytest benchmarks/test_autograde_speed.py --benchmark-only -s
Goal: at most 0.8 s per submission with --jobs 2 (nbgrader's CLI: about 1.6 s on these machines).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from advocacyquiz import grading
from advocacyquiz.exercises import BANK_FILE, right_answer
from advocacyquiz.loading import load_bank

ROOT = Path(__file__).parent.parent
SUBMISSIONS = 50
ASSIGNMENT = "audience"


@pytest.mark.parametrize("jobs", [1, 2])
def test_autograde_50_submissions(benchmark, tmp_path: Path, jobs: int) -> None:
    course = tmp_path / "course"
    course.mkdir()
    shutil.copy(ROOT / "exercises" / "nbgrader_config.py", course)
    shutil.copytree(ROOT / "exercises" / "source", course / "source")
    grading.release(course, [ASSIGNMENT])
    bank = load_bank(course / "source" / ASSIGNMENT / BANK_FILE, find_curriculum=False)
    answers = {q.id: right_answer(q) for q in bank.questions}
    for n in range(SUBMISSIONS):
        folder = course / "submitted" / f"learner-{n:02d}" / ASSIGNMENT
        shutil.copytree(course / "release" / ASSIGNMENT, folder)
        (folder / "answers.json").write_text(json.dumps(answers), encoding="utf-8")

    report = benchmark.pedantic(
        grading.autograde, args=(course, ASSIGNMENT), kwargs={"jobs": jobs, "progress": False}, rounds=1, iterations=1
    )
    assert not report.failed and len(report.outcomes) == SUBMISSIONS
    per_submission = benchmark.stats.stats.min / SUBMISSIONS
    benchmark.extra_info["seconds_per_submission"] = round(per_submission, 3)
    print(f"\n--jobs {jobs}: {per_submission:.2f} s per submission ({SUBMISSIONS} submissions)")
