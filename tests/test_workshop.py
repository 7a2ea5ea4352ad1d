"""The live session: rounds and votes counted once per device, refusals that leave the session
running, the export `advocacyquiz report` reads, and the routes behind the facilitator's token."""

from __future__ import annotations

import json
import secrets
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest

from advocacyquiz.questions import KINDS
from advocacyquiz.report import read_csv
from advocacyquiz.scenario.engine import Play
from advocacyquiz.scoring import grade
from advocacyquiz.serve import make_server, running
from advocacyquiz.workshop import Refusal, Session, Workshop, load_session
from advocacyquiz.workshop.state import MAX_DEVICES, TokenBucket
from advocacyquiz.workshop.strings import say

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def course() -> Session:
    return load_session(ROOT, "en")


@pytest.fixture
def session(course: Session) -> Session:
    """A fresh room over the course's banks and scenarios (loaded once)."""
    return Session(course.banks, course.scenarios, course.key_points, "en")


def device() -> str:
    return secrets.token_hex(16)


def public_ids(session: Session, bank: str, question: str) -> list[str]:
    q = session.banks[bank].by_id[question]
    return [o["id"] for o in KINDS[q.type].describe(q, "en", None)["options"]]


def first_question(session: Session, kind: str) -> tuple[str, str]:
    for bank in session.banks.values():
        for question in bank.questions:
            if question.type == kind:
                return bank.id, question.id
    raise AssertionError(f"no {kind} question in the course")


def refused(code: str, call, *args) -> None:
    with pytest.raises(Refusal) as caught:
        call(*args)
    assert caught.value.code == code


def test_a_device_answer_is_replaced_not_added(session) -> None:
    bank, qid = first_question(session, "single")
    session.start_quiz(bank, [qid])
    a, b = public_ids(session, bank, qid)[:2]
    phone = device()
    session.answer(phone, qid, a)
    session.answer(phone, qid, b)  # a change of mind, or the same phone after a reload
    view = session.participant_view(phone)
    assert session.public_view()["quiz"]["answered"] == 1 and view["mine"] == b
    assert "answered" not in view["quiz"] and "joined" not in view  # the room's counts are the projector's
    session.reveal()
    assert session.public_view()["quiz"]["distribution"]["options"] == {b: 1}


def test_one_phone_answering_changes_no_other_phones_view(session) -> None:
    """Only the projector follows the counts: a room answering at once wakes no phone's stream."""
    bank, qid = first_question(session, "single")
    session.start_quiz(bank, [qid])
    watcher = device()
    session.connect(watcher)
    before = session.participant_view(watcher)
    session.answer(device(), qid, public_ids(session, bank, qid)[0])
    session.connect(device())
    assert session.participant_view(watcher) == before
    assert session.public_view()["quiz"]["answered"] == 1 and session.public_view()["joined"] == 2


def test_the_key_is_withheld_until_the_reveal(session) -> None:
    bank, qid = first_question(session, "single")
    session.start_quiz(bank, [qid])
    shown = json.dumps(session.public_view())
    assert '"correct"' not in shown and '"key"' not in shown and "distribution" not in shown
    session.close()
    session.reveal()
    key = session.public_view()["quiz"]["key"]
    assert sum(o["correct"] for o in key["options"]) == 1 and key["explanation"]


def test_exact_distribution_for_a_multiple_question(session) -> None:
    bank, qid = first_question(session, "multiple")
    session.start_quiz(bank, [qid])
    ids = public_ids(session, bank, qid)
    picks = [[ids[0]], [ids[0], ids[1]], [ids[1], ids[2]], [ids[0]]]
    for pick in picks:
        session.answer(device(), qid, pick)
    session.reveal()
    distribution = session.public_view()["quiz"]["distribution"]
    assert distribution["options"] == {ids[0]: 3, ids[1]: 2, ids[2]: 1}
    assert sum(distribution["statuses"].values()) == 4


@pytest.mark.parametrize(
    ("answer", "code"),
    [("zz", "bad-answer"), (["zz"], "bad-answer"), (None, "bad-answer"), (42, "bad-answer")],
)
def test_answers_that_do_not_fit_are_refused(session, answer, code) -> None:
    bank, qid = first_question(session, "single")
    session.start_quiz(bank, [qid])
    refused(code, session.answer, device(), qid, answer)
    assert session.public_view()["quiz"]["answered"] == 0


def test_closed_and_past_questions_are_refused(session) -> None:
    bank, qid = first_question(session, "true_false")
    session.start_quiz(bank, [qid])
    phone = device()
    refused("not-current", session.answer, phone, "another-question", True)
    session.close()
    refused("closed", session.answer, phone, qid, True)
    refused("wrong-phase", session.close)
    refused("last-question", lambda: (session.reveal(), session.next_question()))


def test_bad_device_ids_and_floods_are_refused_per_device(session) -> None:
    bank, qid = first_question(session, "true_false")
    session.start_quiz(bank, [qid])
    refused("bad-device", session.answer, "short", qid, True)
    refused("bad-device", session.answer, "../../etc/passwd-and-more", qid, True)
    flooder, neighbour = device(), device()
    outcomes = []
    for _ in range(50):
        try:
            session.answer(flooder, qid, True)
            outcomes.append("ok")
        except Refusal as refusal:
            outcomes.append(refusal.code)
    assert outcomes.count("ok") <= 10 and outcomes.count("too-fast") >= 40
    session.answer(neighbour, qid, False)  # the room is unaffected by one device's flood
    assert session.public_view()["quiz"]["answered"] == 2


def test_token_bucket_refills_with_time() -> None:
    bucket = TokenBucket(rate=2, burst=2, stamp=0.0)
    assert [bucket.take(0.0), bucket.take(0.0), bucket.take(0.0)] == [True, True, False]
    assert bucket.take(0.6) and not bucket.take(0.6)


def test_a_flood_of_new_ids_meets_the_room_limit(session) -> None:
    outcomes = []
    for _ in range(1000):
        try:
            session.admit(device())
            outcomes.append("ok")
        except Refusal as refusal:
            outcomes.append(refusal.code)
    assert "busy" in outcomes and outcomes.count("ok") <= MAX_DEVICES


def test_the_room_has_a_limit(session) -> None:
    session.room = TokenBucket(rate=1e9, burst=1e9)
    for _ in range(MAX_DEVICES):
        session.admit(device())
    refused("room-full", session.admit, device())


def test_facilitator_refusals(session) -> None:
    refused("no-bank", session.start_quiz, "nope", ["x"])
    bank = next(iter(session.banks.values()))
    refused("bad-questions", session.start_quiz, bank.id, [])
    refused("bad-questions", session.start_quiz, bank.id, ["no-such-question"])
    refused("no-round", session.reveal)
    refused("no-scenario", session.start_scenario, "nope")
    refused("no-vote", session.close_vote)
    refused("no-tie", session.settle, "a")
    refused("no-round", session.export_csv)


def test_order_and_match_rounds_are_scored_by_the_engine(session, tmp_path) -> None:
    """Public ids in, the engine's grade out; the reveal gives right / partly / wrong counts (no
    per-option bars: an order or a pairing is not one option) and the right answer."""
    bank_id, order_id = first_question(session, "order")
    bank = session.banks[bank_id]
    match = next(q for q in bank.questions if q.type == "match")
    order = bank.by_id[order_id]
    session.start_quiz(bank_id, [order.id, match.id])
    shown = session.participant_view(device())["quiz"]
    assert shown["question"]["shuffled"] == "items" and "right" not in shown and "key" not in shown
    assert [i["id"] for i in shown["question"]["items"]] == sorted(order.public.values())  # neutral order
    right = KINDS["order"].right_answer(order)
    answers = {"right": right, "reversed": right[::-1], "one swap": [right[1], right[0], *right[2:]]}
    phones = {name: device() for name in answers}
    for name, answer in answers.items():
        session.answer(phones[name], order.id, answer)
    for bad in (right[:-1], [*right[:-1], "x0000000"], {"a": "b"}, "text"):
        refused("bad-answer", session.answer, device(), order.id, bad)
    session.reveal()
    revealed = session.public_view()["quiz"]
    expected = Counter(grade(order, a).status for a in answers.values())
    assert revealed["distribution"] == {"options": {}, "statuses": dict(expected)}
    assert expected == {"correct": 1, "incorrect": 1, "partial": 1}
    assert revealed["right"] == right and revealed["key"]["explanation"] == order.explanation("en")

    session.next_question()
    assert session.public_view()["quiz"]["question"]["shuffled"] == "right"
    pairs = KINDS["match"].right_answer(match)
    lefts, rights = list(pairs), list(pairs.values())
    session.answer(phones["right"], match.id, pairs)
    session.answer(phones["reversed"], match.id, dict(zip(lefts, rights[1:] + rights[:1], strict=True)))
    session.answer(phones["one swap"], match.id, {lefts[0]: rights[0]})  # one pair of several
    for bad in ({lefts[0]: "x0000000"}, {"nobody": rights[0]}, rights, {}):
        refused("bad-answer", session.answer, device(), match.id, bad)
    session.reveal()
    assert session.public_view()["quiz"]["distribution"]["statuses"] == {"correct": 1, "incorrect": 1, "partial": 1}
    assert session.public_view()["quiz"]["right"] == pairs
    path = tmp_path / "round.csv"
    path.write_text(session.export_csv(), encoding="utf-8")
    marks = read_csv(path).marks
    assert marks[0, 0] == order.points and marks[0, 1] == match.points  # the first phone was right twice
    assert marks[1, 0] == 0 and marks[1, 1] == 0


def test_live_streams_are_limited_per_device(session) -> None:
    phone, neighbour = device(), device()
    for _ in range(3):
        session.admit(phone, stream=True)
        session.connect(phone)
    refused("too-many-streams", session.admit, phone, True)
    session.disconnect(phone)
    session.admit(phone, stream=True)  # a tab closed: a reload may open one again
    outcomes = []
    for _ in range(20):  # reconnecting in a loop: the bucket runs dry, the neighbour is untouched
        try:
            session.admit(phone, stream=True)
            outcomes.append("ok")
        except Refusal as refusal:
            outcomes.append(refusal.code)
    assert outcomes.count("ok") <= 2 and outcomes[-10:] == ["too-fast"] * 10
    session.admit(neighbour, stream=True)
    bank, qid = first_question(session, "true_false")
    session.start_quiz(bank, [qid])
    session.answer(phone, qid, True)  # answers have their own bucket: a reconnect storm does not block them


def test_export_is_what_report_reads_with_no_device_ids(session, tmp_path) -> None:
    banks = [b for b in session.banks.values() if sum(q.type in ("single", "true_false") for q in b.questions) >= 2]
    bank = banks[0]
    questions = [q for q in bank.questions if q.type in ("single", "true_false")][:2]
    session.start_quiz(bank.id, [q.id for q in questions])
    phones = [device() for _ in range(5)]
    given: dict[tuple[str, str], object] = {}
    for number, question in enumerate(questions):
        options = [o["id"] for o in KINDS[question.type].describe(question, "en", None)["options"]]
        for index, phone in enumerate(phones[: 5 - number]):  # fewer answer the second question
            answer = options[index % len(options)]
            raw: object = answer == "true" if question.type == "true_false" else answer
            session.answer(phone, question.id, raw)
            given[(phone, question.id)] = raw
        session.reveal()
        if number + 1 < len(questions):
            session.next_question()
    text = session.export_csv()
    assert not any(phone in text for phone in phones)
    path = tmp_path / "round.csv"
    path.write_text(text, encoding="utf-8")
    scores = read_csv(path)
    assert scores.questions == [q.id for q in questions]
    assert scores.learners == [f"p{n:02d}" for n in range(1, 6)]
    for row, phone in enumerate(phones):
        for column, question in enumerate(questions):
            raw = given.get((phone, question.id))
            expected = grade(question, raw).points if raw is not None else 0
            assert scores.marks[row, column] == expected


def play_to(session: Session, choose) -> None:
    """Close votes until the scenario ends, `choose(choices)` deciding each step's votes."""
    vote = session.vote
    assert vote is not None
    while not vote.play.finished(vote.scenario):
        choices = [c.id for c in vote.play.choices(vote.scenario)]
        for phone, choice in choose(choices):
            session.cast(phone, vote.play.node, choice)
        session.close_vote()
        if vote.tied:
            session.settle(vote.tied[-1])


def test_a_scenario_advances_on_the_room_vote_and_ties_wait_for_the_facilitator(session) -> None:
    scenario_id, scenario = next(iter(session.scenarios.items()))
    session.start_scenario(scenario_id)
    vote = session.vote
    assert vote is not None
    start = vote.play.node
    choices = [c.id for c in vote.play.choices(scenario)]
    a, b = device(), device()
    session.cast(a, start, choices[0])
    session.cast(b, start, choices[1])
    session.cast(a, start, choices[1])  # a changes their vote: replaced, not added
    assert session.tally()[choices[1]] == 2 and session.tally()[choices[0]] == 0
    session.close_vote()
    assert vote.play.path == [choices[1]] and vote.votes == {}
    refused("not-current", session.cast, a, start, choices[0])
    node = vote.play.node
    open_now = [c.id for c in vote.play.choices(scenario)]
    if len(open_now) >= 2:
        session.cast(a, node, open_now[0])
        session.cast(b, node, open_now[1])
        session.close_vote()
        assert vote.tied == (open_now[0], open_now[1]) and vote.play.node == node
        refused("closed", session.cast, a, node, open_now[0])
        refused("bad-choice", session.settle, "not-tied")
        session.settle(open_now[1])
        assert vote.play.path[-1] == open_now[1]


def test_the_debrief_follows_the_room_path(session) -> None:
    scenario_id, scenario = next(iter(session.scenarios.items()))
    session.start_scenario(scenario_id)
    phones = [device() for _ in range(3)]
    play_to(session, lambda choices: [(p, choices[0]) for p in phones])
    vote = session.vote
    assert vote is not None
    debrief = session.public_view()["scenario"]["debrief"]
    expected = Play.start(scenario)
    for choice in vote.play.path:
        expected.choose(scenario, choice)
    assert debrief["score"] == expected.score(scenario)
    assert len(debrief["steps"]) == len(vote.play.path)
    assert all(step["tally"][0]["votes"] == 3 for step in debrief["steps"])
    refused("closed", session.close_vote)


# ---- over HTTP -------------------------------------------------------------------------------------


@pytest.fixture
def live(session, tmp_path):
    (tmp_path / "index.html").write_text("<!DOCTYPE html><html lang='en' dir='ltr'></html>")
    workshop = Workshop(session)
    with running(make_server(tmp_path, 0, lan=False, routes=workshop.routes())) as base:
        yield base, workshop


def first_event(url: str) -> dict:
    with httpx.stream("GET", url, timeout=10) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        for line in response.iter_lines():
            if line.startswith("data: "):
                return json.loads(line[6:])
    raise AssertionError("no event")


def test_the_facilitator_board_needs_its_token(live) -> None:
    base, workshop = live
    assert httpx.get(base + workshop.facilitator_path).status_code == 200
    for wrong in ("/workshop/facilitator/guess/", "/workshop/facilitator/guess/events"):
        assert httpx.get(base + wrong).status_code == 404
    response = httpx.post(base + "/workshop/facilitator/guess/action", json={"action": "stop"})
    assert response.status_code == 404
    page = httpx.get(base + "/workshop/").text
    assert workshop.token not in page and 'lang="en" dir="ltr"' in page


def test_messages_over_http_refused_clearly_and_the_session_goes_on(live) -> None:
    base, workshop = live
    bank, qid = first_question(workshop.session, "single")
    board = base + workshop.facilitator_path
    assert httpx.post(board + "action", json={"action": "start-quiz", "bank": bank, "questions": [qid]}).json() == {
        "ok": True
    }
    phone = device()
    option = public_ids(workshop.session, bank, qid)[0]
    bad = [
        (b"not json", 400, "bad-message"),
        (b'{"device": "' + phone.encode() + b'"}', 400, "bad-message"),
        (json.dumps({"device": phone, "question": qid, "answer": option, "extra": 1}).encode(), 400, "bad-message"),
        (json.dumps({"device": phone, "question": qid, "answer": "x" * 5000}).encode(), 413, "too-large"),
        (json.dumps({"device": phone, "question": "old", "answer": option}).encode(), 409, "not-current"),
    ]
    for body, status, code in bad:
        response = httpx.post(base + "/workshop/answer", content=body, headers={"content-type": "application/json"})
        assert response.status_code == status and response.json()["error"] == code
        assert response.json()["ar"] and response.json()["en"]
    assert httpx.post(base + "/workshop/answer", json={"device": phone, "question": qid, "answer": option}).json()["ok"]
    assert first_event(f"{base}/workshop/events?device={phone}")["mine"] == option
    assert first_event(board + "events")["quiz"]["answered"] == 1
    assert httpx.post(board + "action", json={"action": "fly"}).json()["error"] == "bad-action"
    assert httpx.post(board + "action", json={"action": "reveal"}).json()["ok"]
    export = httpx.get(board + "export.csv")
    assert (
        export.headers["content-type"].startswith("text/csv") and "attachment" in export.headers["content-disposition"]
    )
    assert export.text.splitlines()[:2] == ["learner," + qid, "max,1"] and phone not in export.text


def test_events_refuse_a_bad_device_id(live) -> None:
    base, _ = live
    assert httpx.get(base + "/workshop/events?device=x").status_code == 400


def test_a_device_holding_too_many_streams_is_told_in_its_language(live) -> None:
    base, _ = live
    phone = device()
    url = f"{base}/workshop/events?device={phone}"
    with httpx.Client(timeout=10) as client:
        streams = [client.stream("GET", url) for _ in range(3)]
        opened = [stream.__enter__() for stream in streams]
        try:
            lines = [r.iter_lines() for r in opened]  # kept: a discarded line iterator closes its stream
            assert [next(line) for line in lines] == ["retry: 2000"] * 3
            refusal = client.get(url)
            assert refusal.status_code == 429 and refusal.headers["retry-after"]
            assert refusal.json()["error"] == "too-many-streams"
            assert refusal.json()["ar"] == say("refused.too-many-streams", "ar") and refusal.json()["en"]
            assert first_event(f"{base}/workshop/events?device={device()}")["mode"] == "idle"  # the room goes on
        finally:
            for stream in streams:
                stream.__exit__(None, None, None)


def test_workshop_files_are_its_own(live) -> None:
    base, _ = live
    runtime = httpx.get(base + "/workshop/static/advocacyquiz.js")
    assert runtime.status_code == 200 and "presentationOrder" in runtime.text and "@casefold-table@" not in runtime.text
    assert httpx.get(base + "/workshop/static/participant.js").headers["content-type"].startswith("text/javascript")
    assert httpx.get(base + "/workshop/static/../state.py").status_code == 404
    assert httpx.get(base + "/workshop/static/nothing.js").status_code == 404


def test_joined_counts_devices_with_a_live_stream(session) -> None:
    a, b = device(), device()
    session.connect(a)
    session.connect(a)  # two tabs on one phone
    session.connect(b)
    assert session.public_view()["joined"] == 2
    session.disconnect(a)
    assert session.public_view()["joined"] == 2
    session.disconnect(a)
    session.disconnect(b)
    assert session.public_view()["joined"] == 0


def test_a_phone_in_the_room_is_counted_while_its_stream_is_open(live) -> None:
    base, workshop = live
    phone = device()
    board = base + workshop.facilitator_path + "events"
    with httpx.stream("GET", f"{base}/workshop/events?device={phone}", timeout=10) as events:
        lines = events.iter_lines()  # kept: a discarded line iterator closes the stream
        assert next(lines) == "retry: 2000"
        assert first_event(board)["joined"] == 1
    deadline = time.monotonic() + 10
    while first_event(board)["joined"] != 0:
        assert time.monotonic() < deadline, "a closed stream still counted"
        time.sleep(0.2)


def test_an_answer_wakes_the_board_and_that_phone_only(live, monkeypatch) -> None:
    """A room answering at once must not make every phone's view again (thirty phones, thirty
    answers: nine hundred views for nothing): each stream counts the views it made."""
    base, workshop = live
    session = workshop.session
    bank, qid = first_question(session, "single")
    made: Counter[str] = Counter()
    participant_view = session.participant_view
    monkeypatch.setattr(session, "participant_view", lambda d: made.update([d]) or participant_view(d))
    board = base + workshop.facilitator_path
    answering, watching = device(), device()
    with httpx.Client(timeout=10) as client:
        streams = {d: client.stream("GET", f"{base}/workshop/events?device={d}") for d in (answering, watching)}
        streams["board"] = client.stream("GET", board + "events")
        lines = {
            name: (line for line in s.__enter__().iter_lines() if line.startswith("data: "))
            for name, s in streams.items()
        }
        try:

            def next_view(name: str) -> dict:
                return json.loads(next(lines[name])[6:])

            assert [next_view(name)["mode"] for name in lines] == ["idle"] * 3
            assert client.post(
                board + "action", json={"action": "start-quiz", "bank": bank, "questions": [qid]}
            ).json()["ok"]
            assert [next_view(name)["mode"] for name in lines] == ["quiz"] * 3
            option = public_ids(session, bank, qid)[0]
            message = {"device": answering, "question": qid, "answer": option}
            assert client.post(base + "/workshop/answer", json=message).json()["ok"]
            assert next_view(answering)["mine"] == option
            while next_view("board")["quiz"]["answered"] != 1:
                pass
            assert client.post(board + "action", json={"action": "close"}).json()["ok"]
            assert next_view(watching)["quiz"]["phase"] == "closed"  # its next view: nothing came between
            assert made[watching] == 3  # joined, the round, its closing: not the other phone's answer
            assert made[answering] >= 3
        finally:
            for stream in streams.values():
                stream.__exit__(None, None, None)


def test_the_board_lists_the_offer_in_its_page_not_in_each_update(live) -> None:
    base, workshop = live
    page = httpx.get(base + workshop.facilitator_path).text
    config = json.loads(page.split('id="ws-config">')[1].split("</script>")[0])
    assert [b["id"] for b in config["banks"]] == list(workshop.session.banks)
    assert [s["id"] for s in config["scenarios"]] == list(workshop.session.scenarios)
    update = first_event(base + workshop.facilitator_path + "events")
    assert "banks" not in update and len(json.dumps(update)) < 2000
