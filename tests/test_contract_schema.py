"""The contract's JSON Schemas (src/advocacyquiz/contract/*.schema.json): current with their
models, and true of every payload the engine builds and every run state it writes. The browser's
own states are checked in tests/browser/test_contract_storage.py."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, get_type_hints

import pytest
from jsonschema import Draft202012Validator

from advocacyquiz import load_bank, load_scenario
from advocacyquiz.attempt import Attempt
from advocacyquiz.bank import Bank
from advocacyquiz.base import LANGS, Lang
from advocacyquiz.contract import StateError, content_hash, schemas
from advocacyquiz.contract.payloads import payload_type
from advocacyquiz.exercises import BANK_FILE, PUBLIC_FILE, best_path, public_questions
from advocacyquiz.grading import Part, Plan, grade_submission
from advocacyquiz.html import bank_hash, quiz_data, scenario_data
from advocacyquiz.loading import load_curriculum
from advocacyquiz.notebook import ANSWERS, SCENARIO, answer, choose_path, learner_seed, load_path, read_answers
from advocacyquiz.questions import KINDS

ROOT = Path(__file__).parent.parent
BANKS = sorted((ROOT / "book" / "quizzes").glob("*.yml")) + sorted((ROOT / "exercises" / "source").glob("*/*.yml"))
EXERCISE_BANKS = sorted((ROOT / "exercises" / "source").glob(f"*/{BANK_FILE}"))
SCENARIOS = sorted((ROOT / "book" / "scenarios").glob("*.yml"))


def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(schemas.load(name))


def problems(name: str, document: Any) -> list[str]:
    """Every way `document` breaks the schema `name`, as `path: message` lines."""
    as_json = json.loads(json.dumps(document, ensure_ascii=False))  # what a reader of the file sees
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(name).iter_errors(as_json)]


def relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


# ---- The schema files ----------------------------------------------------------------------------
def test_the_committed_schemas_are_generated_from_the_models() -> None:
    stale = schemas.stale()
    assert not stale, f"stale JSON Schemas {stale}: regenerate them with `{schemas.REGENERATE}` and commit"


@pytest.mark.parametrize("name", sorted(schemas.models()))
def test_each_schema_is_a_valid_draft_2020_12_schema(name: str) -> None:
    schema = schemas.load(name)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_every_question_type_has_its_piece_from_its_own_folder() -> None:
    defs = schemas.load("quiz-payload")["$defs"]
    declared = {d["properties"]["type"]["const"]: d for d in defs.values() if "type" in d.get("properties", {})}
    assert set(declared) == set(KINDS), "the union is built from the type folders, with no list to keep"
    for kind, piece in declared.items():
        own = set(get_type_hints(payload_type(kind)))  # the fields of the folder's `Payload`
        assert own and own <= set(piece["required"]), kind
        assert piece["additionalProperties"] is False, kind


# ---- What a page or a notebook receives --------------------------------------------------------
@pytest.mark.parametrize("path", BANKS, ids=relative)
def test_every_bank_payload_validates_in_both_languages(path: Path) -> None:
    bank = load_bank(path, find_curriculum=False)
    for lang in LANGS:
        assert problems("quiz-payload", quiz_data(bank, lang)) == [], f"{relative(path)} ({lang})"


def key_points(lang: Lang) -> dict[str, dict[str, str]]:
    """The key points as the book's pages pass them (sphinxext/quiz.py)."""
    curriculum = load_curriculum(ROOT / "book" / "curriculum.yml")
    titles = {m.id: m.title(lang) for m in curriculum.modules}
    return {
        p.id: {"text": p.text(lang), "module": titles[p.module], "href": f"{p.module}.html"}
        for p in curriculum.key_points
    }


@pytest.mark.parametrize("path", SCENARIOS, ids=relative)
def test_every_scenario_payload_validates_in_both_languages(path: Path) -> None:
    scenario = load_scenario(path)
    for lang in LANGS:
        data = scenario_data(scenario, lang, key_points(lang))
        assert data["keyPoints"]
        assert problems("scenario-payload", data) == [], (
            f"{relative(path)} ({lang}); the payload's `version` and `hash` come with the web branch"
        )
        assert data["hash"] == content_hash(scenario)


@pytest.mark.parametrize("path", EXERCISE_BANKS, ids=relative)
def test_every_released_exercise_questions_file_validates(path: Path) -> None:
    public = public_questions(load_bank(path, find_curriculum=False))
    assert problems("notebook-questions", public) == []


def test_the_bank_hash_is_the_contract_content_hash() -> None:
    bank = load_bank(BANKS[0], find_curriculum=False)
    assert content_hash(bank) == bank_hash(bank) == quiz_data(bank, "en")["hash"]


# ---- Invalid documents fail --------------------------------------------------------------------
def audience_payload() -> dict[str, Any]:
    return json.loads(json.dumps(quiz_data(load_bank(ROOT / "book" / "quizzes" / "audience.yml"), "en")))


def first_of(payload: dict[str, Any], kind: str) -> dict[str, Any]:
    return next(q for q in payload["questions"] if q["type"] == kind)


@pytest.mark.parametrize(
    "break_it",
    [
        lambda p: p.update(version=2),
        lambda p: p.update(hash="not-a-hash"),
        lambda p: p.pop("questions"),
        lambda p: p.update(questions=[]),
        lambda p: p["questions"][0].update(type="essay"),
        lambda p: first_of(p, "single")["options"][0].pop("correct"),
        lambda p: first_of(p, "single")["options"][0].update(id="a"),  # an authored id, not a public one
        lambda p: first_of(p, "single").update(answer=True),  # another type's field
        lambda p: p["questions"][0].update(points=0),
        lambda p: p.update(extra="typo"),
    ],
    ids=[
        "version",
        "hash",
        "no-questions",
        "empty",
        "unknown-type",
        "option-key",
        "authored-id",
        "foreign-field",
        "points",
        "extra",
    ],
)
def test_a_broken_quiz_payload_fails(break_it) -> None:
    payload = audience_payload()
    assert problems("quiz-payload", payload) == []
    break_it(payload)
    assert problems("quiz-payload", payload) != []


@pytest.mark.parametrize(
    ("name", "document"),
    [
        ("browser-quiz", {"version": 1, "responses": {}, "checked": []}),
        ("browser-quiz", {"version": 2, "hash": "0123456789abcdef", "responses": [], "checked": []}),
        ("browser-seed", -1),
        ("browser-seed", 2**32),
        ("browser-scenario", {"path": ["survey-first"]}),
        ("browser-scenario", {"version": 1, "hash": "0123456789ABCDEF", "path": []}),
        ("attempt", {"version": 1, "bank": "audience", "seed": 0, "order": [], "responses": {}}),
        ("answers", {"q1": "xa1b2c3"}),
        ("answers", {"version": 1, "bank": None, "hash": None, "seed": None, "responses": {}, "_seed": 4}),
        ("scenario-play", {"scenario": "graffiti-arrest", "path": ["a"]}),
        ("scenario-play", {"version": 1, "scenario": "graffiti-arrest", "hash": None, "path": []}),
    ],
)
def test_a_broken_or_older_state_fails(name: str, document: Any) -> None:
    assert problems(name, document) != []


def test_a_broken_condition_fails() -> None:
    scenario = load_scenario(ROOT / "book" / "scenarios" / "graffiti-arrest.yml")
    payload = {**scenario_data(scenario, "en", {}), "version": 1, "hash": content_hash(scenario)}
    choice = next(c for n in payload["nodes"].values() for c in n["choices"] if c["condition"])
    for broken in (["cmp", "trust", "=<", 60], ["and", ["cmp", "trust", "<", 1]], ["not"], ["cmp", "trust", "<", "6"]):
        choice["condition"] = broken
        assert problems("scenario-payload", payload) != [], broken
    choice["condition"] = [
        "or",
        ["not", ["cmp", "trust", "<", 1]],
        ["and", ["cmp", "a", "==", 1], ["cmp", "b", "!=", 2]],
    ]
    assert problems("scenario-payload", payload) == []


# ---- The terminal's attempt --------------------------------------------------------------------
def an_attempt(bank: Bank) -> Attempt:
    attempt = Attempt.start(bank, seed=7)
    for question in bank.questions[:3]:
        attempt.choose(bank, question.id, KINDS[question.type].right_answer(question))
    return attempt


def test_an_attempt_as_saved_validates() -> None:
    bank = load_bank(ROOT / "book" / "quizzes" / "audience.yml")
    saved = json.loads(an_attempt(bank).model_dump_json())
    assert problems("attempt", saved) == []
    assert saved["version"] == 2 and saved["hash"] == content_hash(bank)


def test_an_attempt_resumes_and_migrates_the_previous_shape() -> None:
    bank = load_bank(ROOT / "book" / "quizzes" / "audience.yml")
    attempt = an_attempt(bank)
    resumed, dropped = Attempt.resume(json.loads(attempt.model_dump_json()), bank)
    assert resumed == attempt and dropped == []
    first, second = bank.questions[0].id, bank.questions[1].id
    old = {"version": 1, "bank": bank.id, "seed": 7, "order": attempt.order, "responses": dict(attempt.responses)}
    old["responses"][second] = "x000000"  # an answer made for another version of the question
    old["responses"]["gone"] = "x123456"  # a question the bank no longer has
    migrated, dropped = Attempt.resume(old, bank)
    assert problems("attempt", json.loads(migrated.model_dump_json())) == []
    assert migrated.hash == content_hash(bank) and migrated.seed == 7
    assert first in migrated.responses and sorted(dropped) == sorted([second, "gone"])
    for refused in ({**old, "bank": "other"}, {**old, "version": 3}, {**old, "responses": []}):
        with pytest.raises(StateError):
            Attempt.resume(refused, bank)


# ---- The notebook's files ----------------------------------------------------------------------
@pytest.fixture
def released_exercise(tmp_path: Path) -> tuple[Path, Bank]:
    """A learner's folder as a release leaves it: the public questions, no key."""
    bank = load_bank(EXERCISE_BANKS[0], find_curriculum=False)
    (tmp_path / PUBLIC_FILE).write_text(json.dumps(public_questions(bank), ensure_ascii=False), encoding="utf-8")
    return tmp_path, bank


def public_right(bank: Bank, n: int) -> tuple[str, Any]:
    question = bank.questions[n]
    return question.id, KINDS[question.type].right_answer(question)


def test_answers_json_as_written_validates_and_names_its_questions(released_exercise, capsys) -> None:
    folder, bank = released_exercise
    seed = learner_seed(folder / ANSWERS)
    for n in range(3):
        answer(*public_right(bank, n), folder / ANSWERS)
    saved = json.loads((folder / ANSWERS).read_text(encoding="utf-8"))
    assert problems("answers", saved) == []
    assert saved["version"] == 1 and saved["bank"] == bank.id and saved["seed"] == seed
    assert saved["hash"] == content_hash(public_questions(bank)), "the hash of the questions the notebook showed"
    assert saved["responses"] == dict(public_right(bank, n) for n in range(3))
    assert capsys.readouterr().out == ""


def test_the_previous_answers_json_is_read_and_migrated_when_saved(released_exercise, capsys) -> None:
    folder, bank = released_exercise
    (first, right), (second, _) = public_right(bank, 0), public_right(bank, 1)
    legacy = {first: right, second: "x000000", "_seed": 42}  # the unversioned shape
    (folder / ANSWERS).write_text(json.dumps(legacy), encoding="utf-8")
    assert read_answers(folder / ANSWERS) == {first: right, second: "x000000"}
    assert learner_seed(folder / ANSWERS) == 42
    answer(*public_right(bank, 2), folder / ANSWERS)
    saved = json.loads((folder / ANSWERS).read_text(encoding="utf-8"))
    assert problems("answers", saved) == [] and saved["seed"] == 42
    assert set(saved["responses"]) == {first, public_right(bank, 2)[0]}, "an answer that no longer fits is dropped"
    assert second in capsys.readouterr().out, "and the learner is told"


def test_scenario_json_as_written_validates_and_the_previous_shape_is_read(tmp_path: Path) -> None:
    source = ROOT / "book" / "scenarios" / "graffiti-arrest.yml"
    path = best_path(source)
    choose_path(source, path, tmp_path / SCENARIO)
    saved = json.loads((tmp_path / SCENARIO).read_text(encoding="utf-8"))
    assert problems("scenario-play", saved) == []
    assert saved == {
        "version": 1,
        "scenario": "graffiti-arrest",
        "hash": content_hash(load_scenario(source)),
        "path": path,
    }
    assert load_path(tmp_path / SCENARIO) == (path, saved["hash"], None)
    (tmp_path / SCENARIO).write_text(json.dumps({"scenario": "graffiti-arrest", "path": path}), encoding="utf-8")
    assert load_path(tmp_path / SCENARIO) == (path, None, None)
    (tmp_path / SCENARIO).write_text(json.dumps({**saved, "version": 9}), encoding="utf-8")
    assert "newer advocacyquiz" in str(load_path(tmp_path / SCENARIO)[2])


# ---- Grading: old files still graded, another version said clearly -----------------------------
def plan_for(bank: Bank) -> Plan:
    """What grading needs for one cell scoring every question, without a gradebook."""
    part = Part("exercise", "quiz-test", 10.0, tuple(q.id for q in bank.questions))
    plan = Plan("exercise", [part], {}, {}, {}, bank=bank, graders=dict(bank.graders))
    plan.questions_hash = content_hash(public_questions(bank))
    return plan


def changed(bank: Bank, n: int) -> Bank:
    """The bank with its n-th question's explanation reworded: its public ids change."""
    data = bank.model_dump()
    explanation = data["questions"][n]["explanation"] or {"ar": "؟", "en": "?"}
    data["questions"][n]["explanation"] = {lang: text + " (revised)" for lang, text in explanation.items()}
    return Bank.model_validate(data)


def test_grading_grades_old_answers_files_and_names_answers_made_for_another_version(tmp_path: Path) -> None:
    old = load_bank(EXERCISE_BANKS[0], find_curriculum=False)
    choice = next(n for n, q in enumerate(old.questions) if q.type in ("single", "multiple", "order"))
    new = changed(old, choice)
    answers = dict(public_right(old, n) for n in range(len(old.questions)))

    (tmp_path / ANSWERS).write_text(json.dumps(answers), encoding="utf-8")  # the unversioned shape
    graded = grade_submission(plan_for(old), tmp_path)
    assert graded.notes == [] and graded.auto_score == 10.0

    stamped = {"version": 1, "bank": old.id, "hash": content_hash(public_questions(old)), "seed": 1}
    (tmp_path / ANSWERS).write_text(json.dumps({**stamped, "responses": answers}), encoding="utf-8")
    assert grade_submission(plan_for(old), tmp_path).notes == []
    graded = grade_submission(plan_for(new), tmp_path)
    (note,) = graded.notes
    stale = old.questions[choice].id
    assert "answers.json was saved for another version of this exercise's questions" in note.en
    assert f"the answers to {stale} name options this version does not have" in note.en
    assert stale in note.ar and "لنسخة أخرى" in note.ar
    assert graded.auto_score < 10.0

    (tmp_path / ANSWERS).write_text(json.dumps({**stamped, "version": 2, "responses": answers}), encoding="utf-8")
    (note,) = grade_submission(plan_for(old), tmp_path).notes
    assert "answers.json unreadable (made by a newer advocacyquiz" in note.en


def test_the_files_grading_keeps_in_autograded_validate(tmp_path: Path) -> None:
    from advocacyquiz.contract import saved_answers
    from advocacyquiz.grading import _write_autograded

    bank = load_bank(EXERCISE_BANKS[0], find_curriculum=False)
    scenario_file = ROOT / "book" / "scenarios" / "graffiti-arrest.yml"
    plan = plan_for(bank)
    plan.parts.append(Part("exercise", "play-test", 10.0, scenario=scenario_file.name))
    plan.scenarios[scenario_file.name] = load_scenario(scenario_file, find_curriculum=False)
    plan.best[scenario_file.name] = 100
    submitted = tmp_path / "submitted"
    submitted.mkdir()
    answers = dict(public_right(bank, n) for n in range(2))
    (submitted / ANSWERS).write_text(json.dumps(answers), encoding="utf-8")
    choose_path(scenario_file, best_path(scenario_file), submitted / SCENARIO)
    graded = grade_submission(plan, submitted)
    _write_autograded(tmp_path, plan, "learner", graded, submitted)
    kept = tmp_path / "autograded" / "learner" / plan.assignment
    written = json.loads((kept / ANSWERS).read_text(encoding="utf-8"))
    assert problems("answers", written) == [] and written["hash"] == plan.questions_hash
    assert saved_answers(written).responses == answers, "what the report reads back"
    played = json.loads((kept / SCENARIO).read_text(encoding="utf-8"))
    assert problems("scenario-play", played) == [] and played["path"] == best_path(scenario_file)
