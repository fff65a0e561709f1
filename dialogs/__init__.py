"""The dialog: a pure state machine `step(state, event) -> (state, effects)` and the
understanding of what a citizen says. No I/O, no threads, no clock reads."""
