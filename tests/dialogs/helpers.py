from dialogs.effects import Say
from dialogs.events import Tick
from dialogs.machine import step


def run(state, *events):
    """Step through events; return the final state and all effects."""
    effects = []
    for event in events:
        state, fx = step(state, event)
        effects.extend(fx)
    return state, effects


def of_type(effects, cls):
    return [e for e in effects if isinstance(e, cls)]


def said(effects):
    return [e.text for e in effects if isinstance(e, Say)]


def run_out_clock(state, limit=20):
    """Tick at each deadline until idle; returns the list of states passed."""
    names = [state.name]
    for _ in range(limit):
        if state.name == "idle":
            break
        deadline = state.ctx.deadline
        assert deadline is not None, f"state {state.name} has no timeout"
        state, _ = step(state, Tick(deadline))
        names.append(state.name)
    return state, names
