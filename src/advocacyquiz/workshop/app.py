"""The live session's routes: the participant's page, the facilitator's (behind a token), their
live updates as Server-Sent Events, and the JSON messages that answer, vote and drive the room."""

from __future__ import annotations

import asyncio
import json
import secrets
from collections.abc import AsyncIterator
from html import escape
from importlib.resources import files
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import BaseRoute, Route

from ..base import Lang
from ..html import runtime_js, runtime_strings
from ..loading import load_bank, load_curriculum, load_scenario
from ..serve import compressed
from .state import DEVICE_ID, Refusal, Session
from .strings import say, strings

MAX_MESSAGE = 4096
"""Bytes in one answer or vote; anything larger is refused before it is parsed."""
COALESCE = 0.1
"""Seconds a live stream waits after a change, so a burst of answers is one update."""
KEEPALIVE = 15.0
STATIC = ("workshop.css", "participant.js", "facilitator.js", "common.js")
DEVICE_PATTERN = DEVICE_ID.pattern
Answer = str | bool | float | list[str]


class AnswerMessage(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    device: str = Field(pattern=DEVICE_PATTERN)
    question: str = Field(max_length=100)
    answer: str | bool | int | float | list[str] | dict[str, str] | None = Field(union_mode="left_to_right")


class VoteMessage(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    device: str = Field(pattern=DEVICE_PATTERN)
    node: str = Field(max_length=100)
    choice: str = Field(max_length=100)


class Action(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    action: str = Field(max_length=40)
    bank: str = Field(default="", max_length=100)
    questions: list[str] = Field(default_factory=list, max_length=100)
    scenario: str = Field(default="", max_length=100)
    choice: str = Field(default="", max_length=100)


def load_session(root: Path, lang: Lang) -> Session:
    """The course's banks and scenarios, as `book/` holds them."""
    book = root / "book"
    curriculum = load_curriculum(book / "curriculum.yml") if (book / "curriculum.yml").is_file() else None
    banks = {b.id: b for b in (load_bank(p, curriculum) for p in sorted((book / "quizzes").glob("*.yml")))}
    scenarios = {s.id: s for s in (load_scenario(p, curriculum) for p in sorted((book / "scenarios").glob("*.yml")))}
    key_points = {k.id: {"ar": k.text.ar, "en": k.text.en} for k in curriculum.key_points} if curriculum else {}
    return Session(banks, scenarios, key_points, lang)


class Workshop:
    """One live session: its state, the facilitator's token and the routes that serve them."""

    def __init__(self, session: Session, token: str | None = None, join: str | None = None) -> None:
        self.session = session
        self.join = join
        """The address participants open (this machine's network address); by default, the page's own."""
        self.token = token or secrets.token_urlsafe(18)
        self._boards: set[asyncio.Event] = set()
        """One per open facilitator stream: woken by every change."""
        self._phones: dict[str, set[asyncio.Event]] = {}
        """Per device, one per open stream: woken by what every phone shows, or by its own answer."""
        self._seen = (session.version, session.public_version)

    @property
    def facilitator_path(self) -> str:
        return f"/workshop/facilitator/{self.token}/"

    def routes(self) -> list[BaseRoute]:
        board = "/workshop/facilitator/{token}/"
        return [
            Route("/workshop/", self.participant_page),
            Route("/workshop", lambda request: Response(status_code=308, headers={"location": "/workshop/"})),
            Route("/workshop/static/{name}", self.static, middleware=[compressed]),
            Route("/workshop/events", self.participant_events),
            Route("/workshop/answer", self.answer, methods=["POST"]),
            Route("/workshop/vote", self.vote, methods=["POST"]),
            Route(board, self.facilitator_page),
            Route(board + "events", self.facilitator_events),
            Route(board + "action", self.action, methods=["POST"]),
            Route(board + "export.csv", self.export),
        ]

    # ---- pages and their files ------------------------------------------------------------------

    async def participant_page(self, request: Request) -> Response:
        lang = self.session.lang
        return _page(lang, "participant", {"device": DEVICE_PATTERN, "book": runtime_strings(lang)})

    async def facilitator_page(self, request: Request) -> Response:
        self._check_token(request)
        join = self.join or str(request.url.replace(path="/workshop/", query="", fragment=""))
        return _page(self.session.lang, "facilitator", {"join": join, "qr": _qr_svg(join), **self.session.offer})

    async def static(self, request: Request) -> Response:
        name = request.path_params["name"]
        if name == "advocacyquiz.js":
            body, media = runtime_js(), "text/javascript"
        elif name in STATIC:
            body = files("advocacyquiz.workshop").joinpath("static", name).read_text(encoding="utf-8")
            media = "text/css" if name.endswith(".css") else "text/javascript"
        else:
            raise HTTPException(404)
        return Response(body, media_type=media, headers={"cache-control": "no-cache"})

    # ---- live updates -------------------------------------------------------------------------------

    async def participant_events(self, request: Request) -> Response:
        device = request.query_params.get("device", "")
        try:
            self.session.admit(device, stream=True)
        except Refusal as refusal:
            return _refused(refusal)
        return _stream(self._participant_updates(device))

    async def _participant_updates(self, device: str) -> AsyncIterator[str]:
        """The phone's stream; while it is open the phone counts as in the room."""
        wake = asyncio.Event()
        self._phones.setdefault(device, set()).add(wake)
        self.session.connect(device)
        self.notify()
        try:
            async for update in self._updates(lambda: self.session.participant_view(device), wake):
                yield update
        finally:
            streams = self._phones[device]
            streams.discard(wake)
            if not streams:
                del self._phones[device]
            self.session.disconnect(device)
            self.notify()

    async def facilitator_events(self, request: Request) -> Response:
        self._check_token(request)
        return _stream(self._board_updates())

    async def _board_updates(self) -> AsyncIterator[str]:
        wake = asyncio.Event()
        self._boards.add(wake)
        try:
            async for update in self._updates(self.session.facilitator_view, wake):
                yield update
        finally:
            self._boards.discard(wake)

    def notify(self) -> None:
        """Wake the streams whose view may have changed: the boards at every change; the phones
        when what they all show changed, else only those that answered or voted."""
        session = self.session
        if (session.version, session.public_version) == self._seen:
            return
        public = session.public_version != self._seen[1]
        self._seen = (session.version, session.public_version)
        phones = self._phones if public else {d: self._phones.get(d, set()) for d in session.touched}
        session.touched.clear()
        for wake in (*self._boards, *(wake for streams in phones.values() for wake in streams)):
            wake.set()

    async def _updates(self, view: Any, wake: asyncio.Event) -> AsyncIterator[str]:
        """The view after each change this stream is woken for, unless it is what it last sent."""
        yield "retry: 2000\n\n"
        sent = ""
        while True:
            wake.clear()  # before the view is made: a change from here on wakes it again
            text = json.dumps(view(), ensure_ascii=False)
            if text != sent:
                yield f"data: {text}\n\n"
                sent = text
            try:
                await asyncio.wait_for(wake.wait(), KEEPALIVE)
            except TimeoutError:
                yield ": still here\n\n"
                continue
            await asyncio.sleep(COALESCE)

    # ---- messages -------------------------------------------------------------------------------------

    async def answer(self, request: Request) -> Response:
        return await self._handle(request, AnswerMessage, lambda m: self.session.answer(m.device, m.question, m.answer))

    async def vote(self, request: Request) -> Response:
        return await self._handle(request, VoteMessage, lambda m: self.session.cast(m.device, m.node, m.choice))

    async def action(self, request: Request) -> Response:
        self._check_token(request)
        return await self._handle(request, Action, self._act)

    def _act(self, message: Action) -> None:
        session = self.session
        simple = {
            "close": session.close,
            "reveal": session.reveal,
            "next": session.next_question,
            "close-vote": session.close_vote,
            "stop": session.stop,
        }
        if message.action in simple:
            simple[message.action]()
        elif message.action == "start-quiz":
            session.start_quiz(message.bank, message.questions)
        elif message.action == "start-scenario":
            session.start_scenario(message.scenario)
        elif message.action == "settle":
            session.settle(message.choice)
        else:
            raise Refusal(422, "bad-action")

    async def _handle(self, request: Request, model: type[BaseModel], apply: Any) -> Response:
        try:
            message = model.model_validate_json(await _body(request))
            apply(message)
        except Refusal as refusal:
            return _refused(refusal)
        except ValidationError:
            return _refused(Refusal(400, "bad-message"))
        finally:
            self.notify()
        return JSONResponse({"ok": True})

    async def export(self, request: Request) -> Response:
        self._check_token(request)
        try:
            text = self.session.export_csv()
        except Refusal as refusal:
            return _refused(refusal)
        name = f"workshop-{self.session.quiz.bank.id if self.session.quiz else 'round'}.csv"
        return Response(
            text,
            media_type="text/csv; charset=utf-8",
            headers={"content-disposition": f'attachment; filename="{name}"', "cache-control": "no-store"},
        )

    def _check_token(self, request: Request) -> None:
        if not secrets.compare_digest(request.path_params.get("token", ""), self.token):
            raise HTTPException(404)


async def _body(request: Request) -> bytes:
    """The request's body, refused once it passes MAX_MESSAGE bytes, however it is sent."""
    if int(request.headers.get("content-length") or 0) > MAX_MESSAGE:
        raise Refusal(413, "too-large")
    body = b""
    try:
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_MESSAGE:
                raise Refusal(413, "too-large")
    except ClientDisconnect:
        raise Refusal(400, "bad-message") from None
    return body


def _refused(refusal: Refusal) -> JSONResponse:
    retry = {"retry-after": "2"} if refusal.status in (429, 503) else None  # the page waits, then tries again
    return JSONResponse(refusal.to_json(), status_code=refusal.status, headers=retry)


def _stream(updates: AsyncIterator[str]) -> StreamingResponse:
    return StreamingResponse(
        updates,
        media_type="text/event-stream",
        headers={"cache-control": "no-store", "x-accel-buffering": "no"},
    )


def _page(lang: Lang, kind: str, extra: dict[str, Any]) -> Response:
    config = json.dumps({"lang": lang, "strings": strings(lang), **extra}, ensure_ascii=False)
    config = config.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    direction = "rtl" if lang == "ar" else "ltr"
    title = escape(say(f"{kind}.title", lang))
    body = (
        f'<main id="ws-main" class="ws-{kind}"><h1>{title}</h1>'
        f'<p class="ws-status" role="status" aria-live="polite">{escape(say("connecting", lang))}</p>'
        f'<div id="ws-stage" aria-live="polite"></div></main>'
    )
    if kind == "participant":
        body += f'<footer class="ws-privacy">{escape(say("privacy", lang))}</footer>'
    scripts = ["advocacyquiz.js", "common.js", f"{kind}.js"]
    html = (
        f'<!DOCTYPE html>\n<html lang="{lang}" dir="{direction}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title>"
        '<link rel="stylesheet" href="/workshop/static/workshop.css">'
        + "".join(f'<script defer src="/workshop/static/{name}"></script>' for name in scripts)
        + f'<script type="application/json" id="ws-config">{config}</script>'
        f"</head><body>{body}</body></html>"
    )
    return Response(html, media_type="text/html; charset=utf-8", headers={"cache-control": "no-store"})


def _qr_svg(address: str) -> str:
    """The join address as an SVG QR code (a data: URI; drawn here, nothing fetched)."""
    import segno

    return str(segno.make(address, error="m").svg_data_uri(scale=8, border=2))
