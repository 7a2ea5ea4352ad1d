"""A live workshop's state, in memory only: quiz rounds and scenario votes, counted per device.

A device is a random id its browser made; it lasts one session (the participant page makes a new
one when the session's nonce changes) and never appears in an export. Every change a participant
asks for either happens or raises a Refusal that says why; nothing here stops the session.
"""

from __future__ import annotations

import csv
import io
import re
import secrets
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

from ..bank import Bank
from ..base import Lang
from ..html import question_data
from ..questions import KINDS, Question, Web, part
from ..scenario.engine import Play, debrief
from ..scenario.model import Scenario
from ..scoring import grade
from .strings import say

DEVICE_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


MAX_DEVICES = 500
MAX_STREAMS_PER_DEVICE = 3
"""Live streams one device may hold open at once (a phone with a tab or two; more is a flood)."""
MAX_ROUND_QUESTIONS = 20

Phase = Literal["open", "closed", "revealed"]


class Refusal(Exception):
    """A request the session turns down, with an HTTP status and a reason in both languages."""

    def __init__(self, status: int, code: str, lang: Lang = "en") -> None:
        super().__init__(say(f"refused.{code}", "en"))
        self.status = status
        self.code = code

    def to_json(self) -> dict[str, Any]:
        return {"ok": False, "error": self.code, "ar": say(f"refused.{self.code}", "ar"), "en": str(self)}


@dataclass
class TokenBucket:
    """`rate` requests a second on average, bursts up to `burst`; time from a monotonic clock."""

    rate: float
    burst: float
    tokens: float = -1.0
    stamp: float = field(default_factory=time.monotonic)

    def take(self, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        if self.tokens < 0:
            self.tokens = self.burst
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


@dataclass
class Device:
    """One participant's limits: answers and votes (about one a second, bursts of a few taps), and
    live streams opened (a reconnect after sleep or a reload, not hundreds)."""

    messages: TokenBucket = field(default_factory=lambda: TokenBucket(rate=2, burst=8))
    streams: TokenBucket = field(default_factory=lambda: TokenBucket(rate=0.5, burst=6))


@dataclass
class QuizRound:
    bank: Bank
    questions: tuple[Question, ...]
    index: int = 0
    phase: Phase = "open"
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Question id → device → its latest answer (a second answer replaces the first)."""

    @property
    def current(self) -> Question:
        return self.questions[self.index]


@dataclass
class ScenarioVote:
    scenario: Scenario
    play: Play
    votes: dict[str, str] = field(default_factory=dict)
    """Device → the choice it voted for at the current step."""
    tied: tuple[str, ...] = ()
    """After a close with no single winner: the choices the facilitator settles between."""
    tallies: list[dict[str, int]] = field(default_factory=list)
    """Each step's final tally, for the debrief."""

    @property
    def open(self) -> bool:
        return not self.tied and not self.play.finished(self.scenario)


class Session:
    """The room: banks and scenarios on offer, the devices seen, the round or vote under way."""

    def __init__(
        self,
        banks: Mapping[str, Bank],
        scenarios: Mapping[str, Scenario],
        key_points: Mapping[str, Mapping[str, str]],
        lang: Lang = "ar",
    ) -> None:
        self.banks = dict(banks)
        self.scenarios = dict(scenarios)
        self.key_points = key_points
        self.lang: Lang = lang
        self.nonce = secrets.token_urlsafe(9)
        self.version = 0
        """Bumped by every change: what the projector shows."""
        self.public_version = 0
        """Bumped by a change every phone shows (a round, its phase, a vote's step)."""
        self.touched: set[str] = set()
        """Devices whose own view changed (they answered or voted) since the streams last heard."""
        self.devices: dict[str, Device] = {}
        self.connected: Counter[str] = Counter()
        """Device → its open live streams (a phone with two tabs open is one device)."""
        self.room = TokenBucket(rate=200, burst=400)
        self.quiz: QuizRound | None = None
        self.vote: ScenarioVote | None = None
        self._public: tuple[int, dict[str, Any]] = (-1, {})

    # ---- participants -------------------------------------------------------------------------

    def admit(self, device: str, stream: bool = False) -> None:
        """Check a device id and its rate (of messages, or of live streams opened); a new device
        joins the room (up to MAX_DEVICES). One device's flood is refused; the room goes on."""
        if not isinstance(device, str) or not DEVICE_ID.match(device):
            raise Refusal(400, "bad-device")
        if not self.room.take():
            raise Refusal(429, "busy")
        known = self.devices.get(device)
        if known is None:
            if len(self.devices) >= MAX_DEVICES:
                raise Refusal(503, "room-full")
            known = self.devices[device] = Device()
        if not (known.streams if stream else known.messages).take():
            raise Refusal(429, "too-fast")
        if stream and self.connected[device] >= MAX_STREAMS_PER_DEVICE:
            raise Refusal(429, "too-many-streams")

    def answer(self, device: str, question_id: str, raw: Any) -> None:
        self.admit(device)
        round_ = self.quiz
        if round_ is None or round_.current.id != question_id:
            raise Refusal(409, "not-current")
        if round_.phase != "open":
            raise Refusal(409, "closed")
        question = round_.current
        result = grade(question, raw)
        if result.status in ("invalid", "unanswered"):
            raise Refusal(422, "bad-answer")
        round_.answers.setdefault(question_id, {})[device] = raw
        self.counted(device)

    def cast(self, device: str, node: str, choice: str) -> None:
        self.admit(device)
        vote = self.vote
        if vote is None or vote.play.node != node:
            raise Refusal(409, "not-current")
        if not vote.open:
            raise Refusal(409, "closed")
        if choice not in {c.id for c in vote.play.choices(vote.scenario)}:
            raise Refusal(422, "bad-choice")
        vote.votes[device] = choice
        self.counted(device)

    # ---- the facilitator -------------------------------------------------------------------------

    def start_quiz(self, bank_id: str, question_ids: list[str]) -> None:
        bank = self.banks.get(bank_id)
        if bank is None:
            raise Refusal(404, "no-bank")
        chosen = [bank.by_id.get(q) for q in question_ids]
        questions = tuple(q for q in chosen if q is not None)
        if not questions or len(questions) != len(question_ids) or len(questions) > MAX_ROUND_QUESTIONS:
            raise Refusal(422, "bad-questions")
        self.vote = None
        self.quiz = QuizRound(bank, questions)
        self.changed()

    def close(self) -> None:
        round_ = self._round("open")
        round_.phase = "closed"
        self.changed()

    def reveal(self) -> None:
        round_ = self._round("open", "closed")
        round_.phase = "revealed"
        self.changed()

    def next_question(self) -> None:
        round_ = self._round("revealed")
        if round_.index + 1 >= len(round_.questions):
            raise Refusal(409, "last-question")
        round_.index += 1
        round_.phase = "open"
        self.changed()

    def _round(self, *phases: Phase) -> QuizRound:
        if self.quiz is None:
            raise Refusal(409, "no-round")
        if self.quiz.phase not in phases:
            raise Refusal(409, "wrong-phase")
        return self.quiz

    def start_scenario(self, scenario_id: str) -> None:
        scenario = self.scenarios.get(scenario_id)
        if scenario is None:
            raise Refusal(404, "no-scenario")
        self.quiz = None
        self.vote = ScenarioVote(scenario, Play.start(scenario))
        self.changed()

    def close_vote(self) -> None:
        """Advance on the room's choice; a tie (or no vote at all) waits for the facilitator."""
        vote = self._open_vote()
        tally = self.tally()
        top = max(tally.values(), default=0)
        leaders = tuple(c for c, n in tally.items() if n == top)
        if len(leaders) == 1 and top > 0:
            self._advance(leaders[0])
        else:
            vote.tied = leaders
            self.changed()

    def settle(self, choice: str) -> None:
        vote = self.vote
        if vote is None or not vote.tied:
            raise Refusal(409, "no-tie")
        if choice not in vote.tied:
            raise Refusal(422, "bad-choice")
        self._advance(choice)

    def _open_vote(self) -> ScenarioVote:
        if self.vote is None:
            raise Refusal(409, "no-vote")
        if not self.vote.open:
            raise Refusal(409, "closed")
        return self.vote

    def _advance(self, choice: str) -> None:
        vote = self.vote
        assert vote is not None
        vote.tallies.append(self.tally())
        vote.play.choose(vote.scenario, choice)
        vote.votes = {}
        vote.tied = ()
        self.changed()

    def stop(self) -> None:
        self.quiz = None
        self.vote = None
        self.changed()

    def changed(self) -> None:
        """Something every page shows has changed."""
        self.version += 1
        self.public_version += 1

    def counted(self, device: str | None = None) -> None:
        """Only the room's counts changed, which the projector alone shows, and the view of the
        device that answered or voted (if any): a room answering at once wakes no other phone."""
        self.version += 1
        if device is not None:
            self.touched.add(device)

    def connect(self, device: str) -> None:
        """A live stream has opened (after `admit(device, stream=True)`)."""
        self.connected[device] += 1
        self.counted()

    def disconnect(self, device: str) -> None:
        self.connected[device] -= 1
        if self.connected[device] <= 0:
            del self.connected[device]
        self.counted()

    # ---- what the pages show ------------------------------------------------------------------------

    def tally(self) -> dict[str, int]:
        vote = self.vote
        if vote is None or vote.play.finished(vote.scenario):
            return {}
        counts = Counter(vote.votes.values())
        return {c.id: counts.get(c.id, 0) for c in vote.play.choices(vote.scenario)}

    def distribution(self) -> dict[str, Any]:
        """How the room answered: per option (public id) how many chose it, where the question has
        options; for every type, how many answers were right, partly right and wrong, by the engine."""
        round_ = self.quiz
        assert round_ is not None
        question, answers = round_.current, round_.answers.get(round_.current.id, {})
        per_option: Counter[str] = Counter()
        if "options" in KINDS[question.type].describe(question, self.lang, None):
            for raw in answers.values():
                for chosen in raw if isinstance(raw, list) else [raw]:
                    per_option[str(chosen).lower() if isinstance(chosen, bool) else str(chosen)] += 1
        statuses = Counter(grade(question, raw).status for raw in answers.values())
        return {"options": dict(per_option), "statuses": dict(statuses)}

    def public_view(self) -> dict[str, Any]:
        """What every participant's page (and the projector) may see now: made once per change
        (every live stream asks for it after each change; a reveal grades every answer)."""
        if self._public[0] != self.version:
            self._public = (self.version, self._public_view())
        return dict(self._public[1])

    def _public_view(self) -> dict[str, Any]:
        view: dict[str, Any] = {"session": self.nonce, "lang": self.lang, "mode": "idle", "joined": len(self.connected)}
        if self.quiz is not None:
            round_ = self.quiz
            question = round_.current
            view["mode"] = "quiz"
            view["quiz"] = {
                "bank": round_.bank.title(self.lang),
                "number": round_.index + 1,
                "count": len(round_.questions),
                "phase": round_.phase,
                "answered": len(round_.answers.get(question.id, {})),
                "question": self._question_shown(question),
            }
            if round_.phase == "revealed":
                view["quiz"]["key"] = question_data(question, self.lang)
                view["quiz"]["right"] = KINDS[question.type].right_answer(question)
                view["quiz"]["distribution"] = self.distribution()
        elif self.vote is not None:
            view["mode"] = "scenario"
            view["scenario"] = self._scenario_view(self.vote)
        return view

    def participant_view(self, device: str) -> dict[str, Any]:
        """What one phone shows: the public view without the room's counts (how many joined,
        answered, voted for what), which the projector shows. So an answer changes no other
        phone's view (see `counted`)."""
        view = self.public_view()
        del view["joined"]
        if self.quiz is not None:
            view["quiz"] = {k: v for k, v in view["quiz"].items() if k != "answered"}
            view["mine"] = self.quiz.answers.get(self.quiz.current.id, {}).get(device)
        elif self.vote is not None:
            view["scenario"] = {k: v for k, v in view["scenario"].items() if k not in ("tally", "voted")}
            view["mine"] = self.vote.votes.get(device)
        return view

    @cached_property
    def offer(self) -> dict[str, Any]:
        """The banks, their questions and the scenarios, as the board lists them: fixed for the
        session, so made once and sent with the board's page, not with each update."""
        banks = [
            {
                "id": bank.id,
                "title": bank.title(self.lang),
                "questions": [{"id": q.id, "type": q.type, "prompt": q.prompt(self.lang)} for q in bank.questions],
            }
            for bank in self.banks.values()
        ]
        return {
            "banks": banks,
            "scenarios": [{"id": s.id, "title": s.title(self.lang)} for s in self.scenarios.values()],
        }

    def facilitator_view(self) -> dict[str, Any]:
        view = self.public_view()
        if self.quiz is not None:
            view["quiz"] = {**view["quiz"], "last": self.quiz.index + 1 == len(self.quiz.questions)}
        return view

    def _question_shown(self, question: Question) -> dict[str, Any]:
        """The question without its key: its parts as `describe` gives them (public ids and texts,
        in neutral order), which part each phone shows in its own order (`shuffled`), and the
        answer area as the book's pages show it (`inputs`, the type's web.py), which the phone
        runs with the type's own page hooks."""
        shown = KINDS[question.type].describe(question, self.lang, None)
        data: dict[str, Any] = {
            "id": question.id,
            "type": question.type,
            "points": question.points,
            "prompt": question.prompt(self.lang),
            "shuffled": getattr(question, "PART", None),
            "inputs": part(question.type, Web).inputs(shown, self.lang, f"ws-{question.id}"),
        }
        for name, value in shown.items():
            if isinstance(value, list):
                data[name] = [{"id": entry["id"], "text": entry["text"]} for entry in value]
        return data

    def _scenario_view(self, vote: ScenarioVote) -> dict[str, Any]:
        scenario, play, lang = vote.scenario, vote.play, self.lang
        node = scenario.nodes[play.node]
        view: dict[str, Any] = {
            "title": scenario.title(lang),
            "node": play.node,
            "step": len(play.path) + 1,
            "text": node.text(lang) if node.text else "",
            "choices": [{"id": c.id, "text": c.text(lang)} for c in play.choices(scenario)],
            "tally": self.tally(),
            "voted": len(vote.votes),
            "tied": list(vote.tied),
            "values": [{"label": scenario.variables[n].label(lang), "value": play.values[n]} for n in scenario.names],
        }
        if play.finished(scenario):
            view["debrief"] = self._debrief(vote)
        return view

    def _debrief(self, vote: ScenarioVote) -> dict[str, Any]:
        scenario, lang = vote.scenario, self.lang
        summary = debrief(scenario, list(vote.play.path))
        steps = []
        for step, tally in zip(summary["steps"], vote.tallies, strict=True):
            node = scenario.nodes[step["node"]]
            choice = next(c for c in node.choices if c.id == step["choice"])
            texts = {c.id: c.text(lang) for c in node.choices}
            steps.append(
                {
                    "choice": choice.text(lang),
                    "feedback": choice.feedback(lang),
                    "rating": choice.rating,
                    "tally": [{"text": texts[c], "votes": n} for c, n in tally.items()],
                }
            )
        ending = scenario.nodes[vote.play.node]
        return {
            "ending": ending.ending(lang) if ending.ending else "",
            "kind": summary["kind"],
            "score": summary["score"],
            "steps": steps,
            "revisit": [self.key_points.get(k, {}).get(lang, k) for k in summary["revisit"]],
        }

    # ---- the export -------------------------------------------------------------------------------------

    def export_csv(self) -> str:
        """The round as `advocacyquiz report` reads it: learners numbered afresh, marks by the engine."""
        round_ = self.quiz
        if round_ is None:
            raise Refusal(409, "no-round")
        devices: list[str] = []
        for question in round_.questions:
            for device in round_.answers.get(question.id, {}):
                if device not in devices:
                    devices.append(device)
        if not devices:
            raise Refusal(409, "no-answers")
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["learner", *(q.id for q in round_.questions)])
        writer.writerow(["max", *(f"{q.points:g}" for q in round_.questions)])
        for number, device in enumerate(devices, 1):
            marks = []
            for question in round_.questions:
                answers = round_.answers.get(question.id, {})
                marks.append(f"{grade(question, answers[device]).points:g}" if device in answers else "0")
            writer.writerow([f"p{number:02d}", *marks])
        return out.getvalue()
