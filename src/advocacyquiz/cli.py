"""The `advocacyquiz` command: one entry point for authors, facilitators and instructors."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .loading import load_bank
from .problems import DataError
from .validate import Validator

EXAMPLES = {
    "build": "advocacyquiz build                         # then open _build/html/index.html",
    "serve": "advocacyquiz serve --lan --port 8000       # for a workshop's local network",
    "workshop": "advocacyquiz workshop --lan --lang ar        # live quiz rounds and scenario votes from phones",
    "validate": "advocacyquiz validate --strict             # book/ and exercises/, linter findings as errors\n"
    "  advocacyquiz validate book/quizzes/risk.yml --figures",
    "score": "advocacyquiz score book/quizzes/audience.yml answers.json --lang ar",
    "take": "advocacyquiz take book/quizzes/audience.yml --lang ar --seed 7",
    "grade": "advocacyquiz grade release                 # every assignment, answers withheld\n"
    "  advocacyquiz grade autograde audience     # from the submitted data; no learner code runs\n"
    "  advocacyquiz grade feedback audience\n"
    "  advocacyquiz grade export audience > audience.csv",
    "report": "advocacyquiz report scores.csv --lang ar --out report.html\n"
    "  advocacyquiz report exercises --assignment audience --json",
    "print": "advocacyquiz print book/quizzes/risk.yml book/scenarios/graffiti-arrest.yml --lang ar --out printouts/\n"
    "  advocacyquiz print --course --lang en --out printouts/",
    "export": "advocacyquiz export book/quizzes/audience.yml --format moodle --lang ar > audience-ar.xml\n"
    "  advocacyquiz export book/quizzes/audience.yml --format qti --lang en --out audience-en.zip --strict",
    "package": "advocacyquiz package --kolibri --zim     # _build/packages/advocacyquiz-ar.zip, .zim, …",
    "verify": "advocacyquiz verify /media/usb/advocacyquiz   # names any added, missing or changed file",
    "play": "advocacyquiz play book/scenarios/graffiti-arrest.yml --lang ar",
    "scenario": "advocacyquiz scenario stats book/scenarios/graffiti-arrest.yml\n"
    "  advocacyquiz scenario map book/scenarios/graffiti-arrest.yml > map.mmd",
}


class UsageError(Exception):
    """A problem with what the user asked for: printed in one line, exit code 2."""


def main(argv: Sequence[str] | None = None) -> int:
    _utf8_output()
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return 2
    try:
        return int(args.run(args))
    except UsageError as error:
        print(f"advocacyquiz {args.command}: {error}", file=sys.stderr)
        return 2
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="advocacyquiz",
        description="Quizzes and scenarios for the community-media advocacy course.",
        epilog="Run `advocacyquiz COMMAND --help` for a command's options and an example.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help: str, run: Callable[[argparse.Namespace], int]) -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name,
            help=help,
            description=help,
            epilog=f"example:\n  {EXAMPLES[name]}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        sub.set_defaults(run=run)
        return sub

    sub = command("build", "Build the Arabic and English editions into one offline site, _build/html/.", _build)
    sub.add_argument("--root", type=Path, default=Path("."), help="the project folder (default: here)")
    sub.add_argument("--quiet", action="store_true", help="no progress bars")

    sub = command("serve", "Serve the built site for a workshop (this machine only, unless --lan).", _serve)
    sub.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    sub.add_argument("--lan", action="store_true", help="listen on every network interface, for participants' devices")
    sub.add_argument("--site", type=Path, default=Path("_build/html"), help="the built site (default: _build/html)")
    _workshop_options(sub)
    sub.add_argument("--workshop", action="store_true", help="also run a live session (as `advocacyquiz workshop`)")

    sub = command("workshop", "Serve the site with a live session: quiz rounds and scenario votes from phones.", _serve)
    sub.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    sub.add_argument("--lan", action="store_true", help="listen on every network interface, for participants' devices")
    sub.add_argument("--site", type=Path, default=Path("_build/html"), help="the built site (default: _build/html)")
    _workshop_options(sub)
    sub.set_defaults(workshop=True)

    sub = command(
        "validate",
        "Check banks, scenarios, exercise specs and the curriculum map, and judge the assessments; "
        "list problems as path:line:col.",
        _validate,
    )
    sub.add_argument("paths", nargs="*", type=Path, help="files or folders (default: book/ and exercises/)")
    sub.add_argument("--strict", action="store_true", help="the assessment linter's findings are errors, not warnings")
    sub.add_argument("--figures", action="store_true", help="print the linter's figures for each bank as a table")

    sub = command("score", "Score a JSON file of responses against a bank and print the result as JSON.", _score)
    sub.add_argument("bank", type=Path)
    sub.add_argument("responses", type=Path, help='JSON mapping question id to answer, e.g. {"tv-share": 90}')
    _lang(sub)

    sub = command("take", "Take a bank as a quiz in the terminal.", _take)
    sub.add_argument("bank", type=Path)
    _lang(sub)
    sub.add_argument(
        "--seed", type=int, help="the order of the options (default: random); the same seed, the same order"
    )

    sub = command("grade", "Run the nbgrader course in exercises/: release, autograde, feedback, export.", _grade)
    sub.add_argument(
        "action",
        choices=("notebooks", "release", "autograde", "feedback", "export"),
        help="notebooks: rewrite the source notebooks from exercises/authoring/",
    )
    sub.add_argument("assignment", nargs="?", help="the assignment (release: default all)")
    sub.add_argument(
        "--course", type=Path, default=Path("exercises"), help="the nbgrader course folder (default: exercises)"
    )
    sub.add_argument("--quiet", action="store_true", help="no progress bar")

    sub = command("report", "Item analysis (Moodle's quiz statistics) of a class: HTML report, or JSON.", _report)
    sub.add_argument("source", type=Path, help="a CSV of per-question scores, or the nbgrader course folder")
    sub.add_argument("--assignment", help="with a course folder: the assignment to analyse")
    sub.add_argument("--json", action="store_true", help="print the figures as JSON instead of writing HTML")
    sub.add_argument(
        "--out", type=Path, default=Path("report.html"), help="where to write the HTML (default: report.html)"
    )
    _lang(sub)

    sub = command("print", "Print-ready quiz sheets, answer keys and scenario cards, as HTML and PDF.", _print)
    sub.add_argument("files", nargs="*", type=Path, help="banks and scenarios to print")
    sub.add_argument(
        "--forms",
        type=int,
        default=2,
        choices=range(1, 13),
        metavar="N",
        help="lettered forms A, B, … of each bank, each with its own order of options and its own key (default 2)",
    )
    sub.add_argument(
        "--course", action="store_true", help="every bank and scenario under book/, and the facilitator's guide"
    )
    sub.add_argument(
        "--out", type=Path, default=Path("printouts"), help="the folder to write into (default: printouts)"
    )
    sub.add_argument("--no-pdf", action="store_true", help="HTML only")
    _lang(sub)

    sub = command(
        "export", "Export a bank for learning platforms (Moodle XML, GIFT, QTI 2.1), in one language.", _export
    )
    sub.add_argument("bank", type=Path)
    sub.add_argument(
        "--format",
        choices=("moodle", "gift", "qti"),
        default="moodle",
        help="moodle: Moodle XML (ordering as qtype_ordering); gift: GIFT text (no points, no ordering); "
        "qti: a QTI 2.1 content package (zip)",
    )
    sub.add_argument("--out", type=Path, help="write to this file (default: standard output; required for qti)")
    sub.add_argument(
        "--strict", action="store_true", help="write nothing if the format would leave anything out (exit 1)"
    )
    _lang(sub)

    sub = command("package", "Package each edition of the built site for offline platforms: Kolibri, Kiwix.", _package)
    sub.add_argument("--kolibri", action="store_true", help="an HTML5-app zip per edition, for Kolibri")
    sub.add_argument("--zim", action="store_true", help="a ZIM file per edition, for Kiwix")
    sub.add_argument("--site", type=Path, default=Path("_build/html"), help="the built site (default: _build/html)")
    sub.add_argument(
        "--out", type=Path, default=Path("_build/packages"), help="where to write (default: _build/packages)"
    )

    sub = command("verify", "Check a copy of the site (e.g. on a USB stick) against its MANIFEST.sha256.", _verify)
    sub.add_argument("path", nargs="?", type=Path, default=Path("_build/html"), help="the copy (default: _build/html)")

    sub = command("play", "Play a campaign scenario in the terminal, with a debrief at the end.", _play)
    sub.add_argument("scenario", type=Path)
    _lang(sub)
    sub.add_argument("--seed", type=int, help="shuffle the order of the choices with this seed")

    sub = command(
        "scenario", "Facts about a scenario: `stats` (paths, endings, score range) or `map` (Mermaid).", _scenario
    )
    sub.add_argument("action", choices=("stats", "map"))
    sub.add_argument("scenario", type=Path)
    _lang(sub)
    return parser


def _lang(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=("ar", "en"), default="ar", help="language of the texts (default: ar)")


def _build(args: argparse.Namespace) -> int:
    from .build import BuildError, build

    root = args.root.resolve()
    if not (root / "_config.yml").is_file():
        raise UsageError(f"no _config.yml in {root}; run it from the project's root or pass --root")
    try:
        site = build(root, progress=not args.quiet)
    except BuildError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"built {site}/index.html (Arabic: ar/, English: en/); serve it with `advocacyquiz serve`")
    return 0


def _workshop_options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--root", type=Path, default=Path("."), help="the project, for its banks and scenarios (default: here)"
    )
    sub.add_argument("--lang", choices=("ar", "en"), default="ar", help="the live session's language (default: ar)")


def _serve(args: argparse.Namespace) -> int:
    try:
        from .serve import addresses, make_server, qr_text
    except ImportError as error:
        raise UsageError(f"{error.name} is missing; install the server with `pip install -e '.[serve]'`") from None

    if not (args.site / "index.html").is_file():
        raise UsageError(f"no built site in {args.site}; run `advocacyquiz build` first")
    workshop = _workshop(args) if args.workshop else None
    try:
        server = make_server(args.site, args.port, args.lan, workshop.routes() if workshop else ())
    except OSError as error:
        raise UsageError(f"cannot listen on port {args.port}: {error.strerror}; try --port 8080") from None
    port = server.server_address[1]
    shown = [f"{address}workshop/" if workshop else address for address in addresses(port, args.lan)]
    if args.lan:
        print(
            "Give participants this address (they must be on the same network):"
            if shown
            else "Listening on every interface, but this machine's network address was not found; see `ip addr`."
        )
    else:
        print("Open this address on this machine (add --lan to let participants' devices in):")
    for address in shown:
        print(f"  {address}")
    if shown and args.lan:
        print(qr_text(shown[0]))
    if workshop:
        workshop.join = shown[0] if shown else None
        board = f"http://127.0.0.1:{port}{workshop.facilitator_path}"
        print(f"Facilitator's board (keep this address to yourself): {board}")
    print("Press Ctrl+C to stop. Nothing about participants is kept after that.", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
    return 0


def _workshop(args: argparse.Namespace) -> Any:
    from .workshop import Workshop, load_session

    if not (args.root / "book").is_dir():
        raise UsageError(f"no book/ folder in {args.root}; run it from the project's root or pass --root")
    return Workshop(load_session(args.root, args.lang))


def _validate(args: argparse.Namespace) -> int:
    paths = args.paths
    if not paths:
        if not Path("book").is_dir():
            raise UsageError("no book/ folder here; run it from the project's root or name the files to check")
        paths = [Path(folder) for folder in ("book", "exercises") if Path(folder).is_dir()]
    validator = Validator(lint=True, strict=args.strict)
    report = validator.check(paths)
    for problem in report.problems:
        print(problem)
    for warning in report.warnings:
        print(f"{warning.path}:{warning.line}:{warning.col}: warning: {warning.message}")
    if args.figures:
        _print_figures(validator.banks)
    print(report.summary(), file=sys.stderr if report.problems else sys.stdout)
    return 1 if report.problems else 0


def _print_figures(banks: list[tuple[Path, Any]]) -> None:
    """The linter's figures, one Markdown table row per bank."""
    from .lint import figures

    rows = [{"file": str(path), **figures(bank)} for path, bank in banks]
    if not rows:
        return
    columns = list(dict.fromkeys(key for row in rows for key in row))
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for row in rows:
        print("| " + " | ".join("" if row.get(c) is None else str(row.get(c)) for c in columns) + " |")


def _score(args: argparse.Namespace) -> int:
    bank = load_bank(args.bank)
    responses = _read_responses(args.responses)
    print(json.dumps(bank.score(responses).to_json(args.lang), ensure_ascii=False, indent=2))
    return 0


def _read_responses(path: Path) -> dict[str, object]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"{path}: cannot read it as UTF-8 text ({error})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise UsageError(f"{path}:{error.lineno}:{error.colno}: not valid JSON: {error.msg}") from None
    except RecursionError:
        raise UsageError(f"{path}: the JSON is nested too deeply") from None
    if not isinstance(data, dict):
        raise UsageError(f'{path}: expected a JSON object mapping question ids to answers, like {{"q1": "a"}}')
    return data


def _take(args: argparse.Namespace) -> int:
    from .terminal import take

    take(load_bank(args.bank), args.lang, args.seed, input, sys.stdout)
    return 0


def _grade(args: argparse.Namespace) -> int:
    from . import grading
    from .exercises import write_notebooks

    course = args.course.resolve()
    if not course.is_dir():
        raise UsageError(f"no course folder {args.course}; pass --course PATH to the nbgrader course")
    needs_one = args.action in ("autograde", "feedback", "export")
    if needs_one and not args.assignment:
        raise UsageError(f"`grade {args.action}` needs an assignment: one of {', '.join(grading.assignments(course))}")
    try:
        if args.action == "notebooks":
            for path in write_notebooks(course):
                print(f"wrote {path}")
        elif args.action == "release":
            names = grading.release(course, [args.assignment] if args.assignment else None)
            print(f"released {', '.join(names)} into {course / 'release'}")
        elif args.action == "autograde":
            report = grading.autograde(course, args.assignment, progress=not args.quiet)
            lines = list(grading.iter_lines(report))
            print("\n".join(lines))
            return 1 if report.failed else 0
        elif args.action == "feedback":
            students = grading.feedback(course, args.assignment)
            print(f"feedback for {len(students)} students in {course / 'feedback'}")
        else:
            grading.export(course, args.assignment, sys.stdout)
    except grading.GradingError as error:
        raise UsageError(str(error)) from None
    return 0


def _report(args: argparse.Namespace) -> int:
    from . import report

    try:
        if args.source.is_dir():
            if not args.assignment:
                raise UsageError("a course folder needs --assignment NAME")
            scores = report.from_gradebook(args.source.resolve(), args.assignment)
        else:
            scores = report.read_csv(args.source)
    except report.ReportError as error:
        raise UsageError(str(error)) from None
    figures = report.statistics(scores)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
        return 0
    title = f"{'تحليل الأسئلة' if args.lang == 'ar' else 'Item analysis'}: {args.assignment or args.source.stem}"
    from tqdm import tqdm

    steps = tqdm(total=2, desc="report", disable=not sys.stderr.isatty())
    html = report.html_report(scores, figures, args.lang, title)
    steps.update()
    args.out.write_text(html, encoding="utf-8")
    steps.update()
    steps.close()
    print(f"wrote {args.out} ({figures['test']['n']} learners, {len(figures['questions'])} questions)")
    return 0


def _print(args: argparse.Namespace) -> int:
    from . import printing
    from .loading import load_scenario

    files = list(args.files)
    if args.course:
        files += sorted(Path("book/quizzes").glob("*.yml")) + sorted(Path("book/scenarios").glob("*.yml"))
    if not files:
        raise UsageError("name banks or scenarios to print, or pass --course")
    args.out.mkdir(parents=True, exist_ok=True)
    pages: list[tuple[str, str]] = []
    for path in files:
        if path.parent.name == "scenarios":
            pages.append((f"{path.stem}-cards-{args.lang}", printing.scenario_cards(load_scenario(path), args.lang)))
        else:
            bank = load_bank(path)
            for form in printing.FORM_LETTERS[: args.forms]:
                sheet, key = (printing.quiz_sheet(bank, args.lang, key=k, form=form) for k in (False, True))
                pages += [(f"{bank.id}-sheet-{args.lang}-{form}", sheet), (f"{bank.id}-key-{args.lang}-{form}", key)]
    guide = Path(f"_build/html/{args.lang}/book/{args.lang}/facilitators.html")
    from tqdm import tqdm

    for name, html in tqdm(pages, desc="print", unit="page", disable=not sys.stderr.isatty()):
        target = args.out / f"{name}.html"
        target.write_text(html, encoding="utf-8")
        if not args.no_pdf:
            printing.to_pdf(target, target.with_suffix(".pdf"))
    if args.course and not args.no_pdf and guide.is_file():
        printing.to_pdf(guide, args.out / f"facilitators-{args.lang}.pdf")
    print(f"wrote {len(pages)} page(s) to {args.out}/" + ("" if args.no_pdf else " (HTML and PDF)"))
    return 0


def _export(args: argparse.Namespace) -> int:
    from .export import FORMATS

    bank = load_bank(args.bank)
    if args.format == "qti" and args.out is None:
        raise UsageError("QTI is a zip package: name it with --out FILE.zip")
    exported = FORMATS[args.format](bank, args.lang)
    for line in exported.left_out:
        print(f"{args.bank}: {line}", file=sys.stderr)
    if exported.left_out and args.strict:
        print(
            f"{len(exported.left_out)} question(s) would lose something in {args.format}; nothing written",
            file=sys.stderr,
        )
        return 1
    if args.format == "qti":
        args.out.write_bytes(exported.zip())
        print(f"wrote {args.out} ({len(bank.questions)} items)")
    elif args.out:
        args.out.write_text(exported.text, encoding="utf-8")
    else:
        sys.stdout.write(exported.text)
    return 1 if exported.left_out else 0


def _package(args: argparse.Namespace) -> int:
    from .package import PackageError, kolibri_zip, zim_file

    if not (args.kolibri or args.zim):
        raise UsageError("say which: --kolibri, --zim or both")
    if not (args.site / "index.html").is_file():
        raise UsageError(f"no built site in {args.site}; run `advocacyquiz build` first or pass --site")
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        for lang in ("ar", "en"):
            made = ([kolibri_zip(args.site, lang, args.out)] if args.kolibri else []) + (
                [zim_file(args.site, lang, args.out)] if args.zim else []
            )
            for path in made:
                print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")
    except PackageError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


def _verify(args: argparse.Namespace) -> int:
    from .manifest import MANIFEST, ManifestError, verify

    if not (args.path / MANIFEST).is_file():
        raise UsageError(f"no {MANIFEST} in {args.path}: is it a copy of the built site?")
    try:
        report = verify(args.path)
    except ManifestError as error:
        print(error, file=sys.stderr)
        return 1
    for line in report.lines():
        print(line)
    print(report.summary(args.path))
    return 0 if report.ok else 1


def _play(args: argparse.Namespace) -> int:
    from .loading import load_scenario
    from .scenario.terminal import play

    play(load_scenario(args.scenario), args.lang, args.seed, input, sys.stdout, args.scenario)
    return 0


def _scenario(args: argparse.Namespace) -> int:
    from .loading import load_scenario
    from .scenario.check import mermaid, stats

    scenario = load_scenario(args.scenario)
    if args.action == "map":
        print(mermaid(scenario, args.lang), end="")
        return 0
    figures = stats(scenario)
    print(f"scenario: {scenario.id}")
    print(
        f"decision points: {sum(not n.is_ending for n in scenario.nodes.values())}, reachable states: {figures.states}"
    )
    print(f"distinct paths: {figures.paths if figures.paths is not None else 'unbounded (choices can loop)'}")
    for ending, count in figures.endings.items():
        print(f"  ending {ending} ({scenario.nodes[ending].kind}): {count} path{'s' if count != 1 else ''}")
    print(f"score range: {figures.lowest}–{figures.highest}")
    return 0


def _utf8_output() -> None:
    # Arabic must print even where the locale is C or the output is a pipe.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower().replace("-", "") != "utf8":
            stream.reconfigure(encoding="utf-8", errors="replace")
