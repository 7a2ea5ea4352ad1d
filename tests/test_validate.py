"""The validator: every problem on one line, `path:line:col: message`, and never a traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from advocacyquiz import DataError, load_bank
from advocacyquiz.validate import validate

from course import bank_data, dump

GOOD_HEAD = """\
id: audience
module: audience
title: {ar: "الجمهور", en: "Audience"}
questions:
"""


def problems(path: Path) -> list[str]:
    return [str(p) for p in validate([path]).problems]


def check(write_bank, body: str) -> list[str]:
    """Problems of a bank made of GOOD_HEAD and `body`, with the book's path stripped."""
    path = write_bank(GOOD_HEAD + body)
    return [p.replace(f"{path}:", "") for p in problems(path)]


def test_a_good_bank_has_no_problems(write_bank) -> None:
    report = validate([write_bank(bank_data())])
    assert report.problems == []
    assert report.summary() == "checked 1 file (1 bank): no problems"


def test_typo_in_a_key_is_an_error_with_a_suggestion(write_bank) -> None:
    assert check(
        write_bank,
        """\
  - id: tor
    type: single
    covers: [KP01]
    prompt: {ar: "س", en: "Q"}
    options:
      - {id: a, text: {ar: "أ", en: "A"}, corect: true}
      - {id: b, text: {ar: "ب", en: "B"}}
""",
    ) == ["10:43: option 'a' of question 'tor' has unknown key `corect`; did you mean `correct`?"]


def test_missing_language_names_the_place_and_the_fix(write_bank) -> None:
    assert check(
        write_bank,
        """\
  - id: tor
    type: single
    covers: [KP01]
    prompt: {ar: "س", en: "Q"}
    options:
      - id: a
        text: {ar: "أ", en: "A"}
        correct: true
      - id: c
        text: {en: "C"}
""",
    ) == ["14:15: option 'c' of question 'tor': `text` has no Arabic text; add `ar:`"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            '  - {id: q, type: single, covers: [KP01], prompt: {ar: "س", en: "Q"}, options: [{id: a, text: {ar: "أ", en: "A"}, correct: true}, {id: b, text: {ar: "ب", en: "B"}, correct: true}]}\n',
            "5:80: question 'q': `options`: a single-choice question needs exactly one option with `correct: true`; it has 2",
        ),
        (
            '  - {id: q, type: single, covers: [KP01], prompt: {ar: "س", en: "Q"}, options: [{id: a, text: {ar: "أ", en: "A"}}, {id: b, text: {ar: "ب", en: "B"}}]}\n',
            "5:80: question 'q': `options`: a single-choice question needs exactly one option with `correct: true`; it has 0",
        ),
        (
            '  - {id: q, type: multiple, covers: [KP01], prompt: {ar: "س", en: "Q"}, options: [{id: a, text: {ar: "أ", en: "A"}}, {id: b, text: {ar: "ب", en: "B"}}]}\n',
            "5:82: question 'q': `options`: a multiple-choice question needs at least one option with `correct: true`",
        ),
        (
            '  - {id: q, type: true_false, covers: [KP99], prompt: {ar: "س", en: "Q"}, answer: true}\n',
            "5:40: question 'q': `covers`: key point 'KP99' is not in the curriculum map; fix the id or add it to curriculum.yml",
        ),
        (
            '  - {id: q, type: true_false, points: 0, covers: [KP01], prompt: {ar: "س", en: "Q"}, answer: true}\n',
            "5:39: question 'q': `points` must be greater than 0, not 0",
        ),
        (
            '  - {id: q, type: true_false, points: -1, covers: [KP01], prompt: {ar: "س", en: "Q"}, answer: true}\n',
            "5:39: question 'q': `points` must be greater than 0, not -1",
        ),
        (
            '  - {id: q, type: numbr, covers: [KP01], prompt: {ar: "س", en: "Q"}}\n',
            "5:5: question 'q': unknown type 'numbr'; use one of 'match', 'multiple', 'numeric', 'order', 'single', 'text', 'true_false'",
        ),
        (
            '  - {id: q, covers: [KP01], prompt: {ar: "س", en: "Q"}}\n',
            "5:5: question 'q' has no `type`; add `type:` (one of 'match', 'multiple', 'numeric', 'order', 'single', 'text', 'true_false')",
        ),
        (
            '  - {id: q, type: numeric, covers: [KP01], prompt: {ar: "س", en: "Q"}, answer: "ninety"}\n',
            "5:80: question 'q': `answer` must be a number, not the text 'ninety'",
        ),
        (
            '  - {id: q, type: true_false, covers: KP01, prompt: {ar: "س", en: "Q"}, answer: true}\n',
            "5:39: question 'q': `covers` must be a list, not the text 'KP01'",
        ),
        (
            '  - {id: q, type: true_false, covers: [], prompt: {ar: "س", en: "Q"}, answer: true}\n',
            "5:39: question 'q': `covers` needs at least 1 entry",
        ),
        (
            '  - {id: q, type: true_false, covers: [KP01], prompt: {ar: "س", en: "  "}, answer: true}\n',
            "5:69: question 'q': `prompt.en` is empty; write the text",
        ),
        (
            '  - {id: Q 1, type: true_false, covers: [KP01], prompt: {ar: "س", en: "Q"}, answer: true}\n',
            "5:10: question 'Q 1': `id`: 'Q 1' is not a valid id; use a-z, 0-9 and single hyphens",
        ),
        (
            '  - {id: 7, type: true_false, covers: [KP01], prompt: {ar: "س", en: "Q"}, answer: true}\n',
            "5:10: question 1: `id` must be text, not 7; put it in quotes",
        ),
        (
            '  - {id: q, type: true_false, covers: [KP01], prompt: {ar: "س", en: "Q"}, answer: "yes"}\n',
            "5:83: question 'q': `answer` must be true or false, not the text 'yes'",
        ),
        (
            '  - {id: q, type: order, covers: [KP01], prompt: {ar: "س", en: "Q"}, items: [{id: a, text: {ar: "أ", en: "A"}}, {id: a, text: {ar: "ب", en: "B"}}]}\n',
            "5:118: item 'a' of question 'q': `id`: duplicate id 'a'; ids must be unique within the question",
        ),
        (
            '  - {id: q, type: text, covers: [KP01], prompt: {ar: "س", en: "Q"}, accept: [{ar: "؟", en: "x"}]}\n',
            "5:83: accepted answer 1 of question 'q': `ar`: this accepted answer is only punctuation; no learner could type it",
        ),
    ],
)
def test_each_problem_is_reported_where_it_is(write_bank, body: str, expected: str) -> None:
    assert check(write_bank, body) == [expected]


def test_duplicate_question_ids(write_bank) -> None:
    q = '  - {id: q, type: true_false, covers: [KP01], prompt: {ar: "س", en: "Q"}, answer: true}\n'
    assert check(write_bank, q + q) == [
        "6:10: question 'q': `id`: duplicate question id 'q'; ids must be unique in the bank"
    ]


def test_id_must_match_the_file_and_module_must_exist(write_bank) -> None:
    path = write_bank(bank_data(id="other", module="nowhere"))
    assert problems(path) == [
        f"{path}:1:5: `id`: id 'other' does not match the file name; use `id: audience` or rename the file",
        f"{path}:2:9: `module`: unknown module 'nowhere'; use one of audience, risk",
    ]


def test_unknown_top_level_key(write_bank) -> None:
    path = write_bank(bank_data(titel="x"))
    (found,) = problems(path)
    assert re.fullmatch(rf"{path}:\d+:1: the file has unknown key `titel`; did you mean `title`\?", found)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "1:1: the file is empty; it should hold a YAML mapping"),
        (b"# only a comment\n", "1:1: the file is empty; it should hold a YAML mapping"),
        (b"\x7fELF\x00\x01\x02", "1:1: this is a binary file, not YAML text"),
        (b"id: caf\xe9\n", "1:8: the file is not UTF-8 text; save it as UTF-8"),
        (b"- 1\n- 2\n", "1:1: the file should hold a YAML mapping (`key: value` lines) at the top level"),
        (b"just words", "1:1: the file should hold a YAML mapping (`key: value` lines) at the top level"),
        (b"id: x\n  bad: [\n", "2:6: YAML syntax: mapping values are not allowed here"),
        (
            b"id: [1, 2\n",
            "2:1: YAML syntax: while parsing a flow sequence; expected ',' or ']', but got '<stream end>'",
        ),
        (b"id: a\nid: b\n", "2:1: duplicate key `id`; each key may appear once in a mapping"),
        (b"[" * 50_000, "1:1: the YAML is nested too deeply to be course data"),
        (
            b"a: !!python/object:os.system ls\n",
            "1:4: cannot read this value: could not determine a constructor for the tag 'tag:yaml.org,2002:python/object:os.system'",
        ),
    ],
)
def test_unusable_files_get_one_clear_line(book: Path, content: bytes, expected: str) -> None:
    path = book / "quizzes" / "audience.yml"
    path.write_bytes(content)
    found = problems(path)
    assert found == [f"{path}:{expected}"]


def test_alias_bombs_are_refused(book: Path) -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for prev, name in zip("abcdef", "bcdefg", strict=True):
        lines.append(f"{name}: &{name} [{','.join([f'*{prev}'] * 9)}]")
    path = book / "quizzes" / "audience.yml"
    path.write_text("\n".join(lines) + "\n")
    assert problems(path) == [f"{path}:1:1: more than 200,000 YAML nodes (aliases expanding?); not course data"]


def test_huge_files_are_refused_before_parsing(book: Path) -> None:
    path = book / "quizzes" / "audience.yml"
    path.write_text("# " + "x" * 3_000_000)
    assert problems(path) == [f"{path}:1:1: file is 3,000,002 bytes; course data files must be under 2,000,000"]


def test_a_bank_without_a_curriculum_map(tmp_path: Path) -> None:
    path = dump(tmp_path / "audience.yml", bank_data())
    assert problems(path) == [
        f"{path}:1:1: no curriculum.yml in this folder or above; key points and modules cannot be checked"
    ]
    assert load_bank(path).id == "audience"  # the library still loads it


def test_a_broken_curriculum_is_reported_once(book: Path, write_bank) -> None:
    (book / "curriculum.yml").write_text("modules: [\n")
    write_bank(bank_data())
    write_bank(bank_data(id="second"), name="second")
    found = problems(book)
    assert found == [
        f"{book / 'curriculum.yml'}:2:1: YAML syntax: while parsing a flow node; expected the node content, but found '<stream end>'"
    ]


def test_curriculum_checks(book: Path) -> None:
    dump(
        book / "curriculum.yml",
        {
            "modules": [{"id": "a", "title": {"ar": "أ", "en": "A"}}],
            "key_points": [
                {"id": "KP01", "module": "b", "text": {"ar": "أ", "en": "A"}},
                {"id": "KP01", "module": "a", "text": {"ar": "أ", "en": "A"}},
            ],
        },
    )
    path = book / "curriculum.yml"
    assert problems(path) == [
        f"{path}:8:11: key point 'KP01': `module`: unknown module 'b'; add it under `modules:` or fix the id",
        f"{path}:12:7: key point 'KP01': `id`: duplicate id 'KP01'",
    ]


def test_load_bank_raises_with_all_problems(write_bank) -> None:
    path = write_bank(bank_data(id="x", module="y"))
    with pytest.raises(DataError) as caught:
        load_bank(path)
    assert len(caught.value.problems) == 2
    assert str(caught.value).startswith(f"{path}:1:5: ")


def test_folders_are_searched_and_missing_paths_reported(book: Path, write_bank) -> None:
    write_bank(bank_data())
    report = validate([book, book / "nope.yml"])
    assert [str(p) for p in report.problems] == [f"{book / 'nope.yml'}:1:1: no such file or folder"]
    assert report.checked == {"bank": 1, "curriculum": 1}
