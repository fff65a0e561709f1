import socket

import pytest


@pytest.fixture
def notify_socket(tmp_path, monkeypatch):
    """A Unix datagram socket standing in for systemd's, with NOTIFY_SOCKET pointing at it."""
    path = str(tmp_path / "notify.sock")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    server.bind(path)
    monkeypatch.setenv("NOTIFY_SOCKET", path)
    yield server
    server.close()
