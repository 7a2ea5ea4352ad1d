"""Grading a class from data, side by side with nbgrader's own `nbgrader autograde` on the same
submissions (which starts a kernel per learner and runs the notebook).

Run apart from the tests:
    .venv/bin/python -m pytest benchmarks/test_autograde_speed.py --benchmark-only -s
Goal: at most 0.1x nbgrader's time, and under 0.05 s per submission for a class of 100 in one run.
nbgrader's own run is long (about a second per learner); AQ_BENCH_NBGRADER sets how many of the
same submissions it grades (default: all of them), and its time is reported per submission.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from advocacyquiz import grading
from advocacyquiz.loading import load_bank
from advocacyquiz.questions import KINDS

ROOT = Path(__file__).parent.parent
CLASS_SIZE = 100
ASSIGNMENT = "audience"


def make_class(base: Path) -> Path:
    course = base / "exercises"
    course.mkdir(parents=True)
    shutil.copy(ROOT / "exercises" / "nbgrader_config.py", course)
    shutil.copytree(ROOT / "exercises" / "source" / ASSIGNMENT, course / "source" / ASSIGNMENT)
    grading.release(course, [ASSIGNMENT])
    bank = load_bank(course / "source" / ASSIGNMENT / "exercise.yml", find_curriculum=False)
    right = {q.id: KINDS[q.type].right_answer(q) for q in bank.questions}
    for n in range(CLASS_SIZE):
        folder = course / "submitted" / f"learner-{n:03d}" / ASSIGNMENT
        shutil.copytree(course / "release" / ASSIGNMENT, folder)
        answers = {k: v for i, (k, v) in enumerate(right.items()) if (i + n) % 3}  # varied partial answers
        (folder / "answers.json").write_text(json.dumps(answers), encoding="utf-8")
    return course


def nbgrader_autograde(course: Path) -> float:
    """nbgrader's own CLI on the same submissions, one process for the class, as an instructor runs it."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "nbgrader", "autograde", ASSIGNMENT, "--force", "--create"],
        cwd=course,
        env={**os.environ, "LANG": "C.UTF-8", "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return time.perf_counter() - started


def test_grade_a_class_of_100_against_nbgrader(benchmark, tmp_path: Path) -> None:
    course = make_class(tmp_path / "ours")
    report = benchmark.pedantic(
        grading.autograde, args=(course, ASSIGNMENT), kwargs={"progress": False}, rounds=1, iterations=1
    )
    assert not report.failed and len(report.outcomes) == CLASS_SIZE
    ours = benchmark.stats.stats.min / CLASS_SIZE
    started = time.perf_counter()
    grading.autograde(course, ASSIGNMENT, progress=False)  # a regrade: learners and submissions exist
    regrade = (time.perf_counter() - started) / CLASS_SIZE

    theirs_count = int(os.environ.get("AQ_BENCH_NBGRADER", CLASS_SIZE))
    theirs_course = make_class(tmp_path / "nbgrader")
    for extra in sorted((theirs_course / "submitted").iterdir())[theirs_count:]:
        shutil.rmtree(extra)
    theirs = nbgrader_autograde(theirs_course) / theirs_count

    benchmark.extra_info |= {
        "seconds_per_submission": round(ours, 4),
        "regrade_seconds_per_submission": round(regrade, 4),
        "nbgrader_seconds_per_submission": round(theirs, 3),
        "ratio": round(ours / theirs, 4),
    }
    print(
        f"\nadvocacyquiz grade autograde: {ours * 1000:.1f} ms per submission ({CLASS_SIZE} in one run)"
        f"\n  the same class again:       {regrade * 1000:.1f} ms per submission"
        f"\nnbgrader autograde:           {theirs * 1000:.0f} ms per submission ({theirs_count} learners)"
        f"\nratio: {ours / theirs:.3f}x"
    )
