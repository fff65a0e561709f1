"""The state graph discovered from the machine: complete, and every state leads back to idle."""
import subprocess

from dialogs.graph import explore, to_dot
from dialogs.machine import TIMEOUTS
from dialogs.state import STATES

from tests.dialogs.helpers import run_out_clock


def test_graph_covers_every_state(idle):
    edges = explore(idle)
    nodes = {e.source for e in edges} | {e.target for e in edges}
    assert nodes == set(STATES)


def test_every_state_reaches_idle_in_the_graph(idle):
    edges = explore(idle)
    back: dict[str, set[str]] = {}
    for e in edges:
        back.setdefault(e.target, set()).add(e.source)
    reach, todo = {"idle"}, ["idle"]
    while todo:
        for src in back.get(todo.pop(), ()):
            if src not in reach:
                reach.add(src)
                todo.append(src)
    assert reach == set(STATES)


def test_every_state_but_idle_times_out_towards_idle(idle):
    assert set(TIMEOUTS) == set(STATES) - {"idle"}
    # Reach each state, then let the clock run: idle within a few timeouts, with no input at all.
    from collections import deque

    from dialogs.graph import _events
    from dialogs.machine import step
    seen, todo, reached = set(), deque([idle]), {}
    while todo:
        s = todo.popleft()
        for _, event in _events(s):
            new, _ = step(s, event)
            reached.setdefault(new.name, new)
            key = (new.name, new.ctx.ticket is not None, new.ctx.misunderstandings)
            if key not in seen and len(seen) < 300:
                seen.add(key)
                todo.append(new)
    assert set(reached) == set(STATES)
    for name, state in reached.items():
        final, names = run_out_clock(state)
        assert final.name == "idle", f"{name} never times out to idle: {names}"


def test_dot_output_is_valid_graphviz(idle, tmp_path):
    dot = to_dot(explore(idle))
    assert dot.startswith("digraph")
    path = tmp_path / "g.dot"
    path.write_text(dot, encoding="utf-8")
    out = subprocess.run(["dot", "-Tsvg", str(path)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "<svg" in out.stdout
