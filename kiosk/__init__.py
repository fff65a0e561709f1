"""The kiosk application: event loop and wiring, CLI, touchscreen UI, centre client and reference
server, local store, health."""
import os

# pygame greets on stdout when imported; our commands print JSON there.
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
