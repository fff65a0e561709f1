"""The kiosk keeps serving while the centre is down, and its offline ticket reaches the centre
exactly once when the centre is back (the demo's reference centre, real HTTP on localhost)."""
import pytest

from dialogs.events import PersonArrived, Touched
from kiosk.app import build_app, load_demo_catalogue
from kiosk.centre.server import ReferenceCentre
from kiosk.config import load_config


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    for key in ("KIOSK_ASR_MODEL", "KIOSK_TTS_VOICE"):
        monkeypatch.delenv(key, raising=False)
    cfg = load_config(None)
    cfg["centre"]["retries"] = 0
    cfg["centre"]["connect_timeout_s"] = 0.5
    app = build_app(cfg, demo=True, with_camera=False, with_speech=False)
    assert app.shell.settle(30)
    yield app
    app.close()


def take_ticket(app, procedure_id):
    for event in (PersonArrived(), Touched(f"procedure:{procedure_id}"), Touched("take_ticket")):
        app.shell.post(event)
        assert app.shell.settle(60)
    return app.shell.state.ctx.ticket


def test_offline_ticket_while_centre_is_down_reaches_it_once_after(app, tmp_path):
    server = app.centre_server
    host_port, token, db = (server.host, server.port), server.token, tmp_path / "data" / "demo" / "reference-centre.db"
    online = take_ticket(app, "P001")
    assert online is not None and not online.offline
    server.stop()
    app.shell.post(Touched("done"))
    app.shell.settle()
    offline = take_ticket(app, "P002")
    assert offline is not None and offline.offline and offline.number.startswith("K1-")
    assert app.shell.state.name in ("ticket", "directions")  # printed, shown, read out
    assert [e.ticket.number for e in app.store.outbox()] == [offline.number]
    back = ReferenceCentre(db, load_demo_catalogue(), token, host=host_port[0], port=host_port[1]).start()
    try:
        for _ in range(2):  # a second sync must not send it again
            app.centre.sync_outbox()
            assert app.shell.settle(30)
        assert app.store.outbox() == []
        tickets = back.state.tickets()
        mine = [t for t in tickets if t.get("request_id") == offline.request_id]
        assert len(mine) == 1 and len(tickets) == 2
    finally:
        back.stop()
