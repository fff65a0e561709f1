"""Scripted sessions: `kiosk run --demo --headless --script FILE`.

Lines: `arrive`, `leave`, `say: TEXT`, `touch: TARGET`, `scan: IMAGE`, `wait: SECONDS`; blank lines and
`# comments` are skipped. One JSON line per processed event:
`{"t", "event", "state", "effects": [...]}`."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from dialogs.events import Event, Heard, PersonArrived, PersonLeft, Tick, Touched, to_json
from kiosk.clock import VirtualClock
from kiosk.shell import Shell, StepRecord


class ScriptError(ValueError):
    """A line of the script is not understood; the message names the line."""


@dataclass(frozen=True)
class Line:
    number: int
    verb: str
    arg: str


VERBS = ("arrive", "leave", "say", "touch", "scan", "wait")


def parse_script(text: str, source: str = "script") -> list[Line]:
    lines = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        verb, sep, arg = line.partition(":")
        verb, arg = verb.strip().lower(), arg.strip()
        if verb not in VERBS:
            raise ScriptError(f"{source}:{number}: unknown step {verb!r} "
                              f"(expected one of {', '.join(VERBS)})")
        if verb in ("arrive", "leave") and arg:
            raise ScriptError(f"{source}:{number}: {verb} takes no argument")
        if verb in ("say", "touch", "scan", "wait") and not arg:
            raise ScriptError(f"{source}:{number}: {verb} needs an argument, e.g. '{verb}: ...'")
        if verb == "wait":
            try:
                if float(arg) < 0:
                    raise ValueError
            except ValueError:
                raise ScriptError(f"{source}:{number}: wait needs a number of seconds >= 0, "
                                  f"got {arg!r}") from None
        lines.append(Line(number, verb, arg))
    return lines


def step_record_json(record: StepRecord) -> str:
    return json.dumps({"t": round(record.now, 3), "event": to_json(record.event),
                       "state": record.state.name,
                       "effects": [to_json(e) for e in record.effects]}, ensure_ascii=False)


def run_script(lines: Iterable[Line], shell: Shell, clock: VirtualClock,
               scan_image: Callable[[Path], list[Event]], base_dir: Path) -> None:
    """Feed the script into the shell; every processed event reaches shell.on_step."""
    shell.settle()
    for line in lines:
        if line.verb == "wait":
            target = clock.now + float(line.arg)
            # Run each timeout that falls inside the wait at its own time, then the end of it.
            while True:
                deadline = shell.state.ctx.deadline
                if deadline is None or deadline > target:
                    break
                clock.advance_to(deadline)
                shell.post(Tick(clock.now))
                shell.settle()
            clock.advance_to(target)
            shell.post(Tick(clock.now))
        elif line.verb == "arrive":
            shell.post(PersonArrived())
        elif line.verb == "leave":
            shell.post(PersonLeft())
        elif line.verb == "say":
            shell.post(Heard(line.arg))
        elif line.verb == "touch":
            shell.post(Touched(line.arg))
        elif line.verb == "scan":
            path = Path(line.arg)
            if not path.is_absolute():
                path = base_dir / path
            for event in scan_image(path):
                shell.post(event)
        shell.settle()
