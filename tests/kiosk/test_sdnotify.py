"""The sd_notify helper talks the real protocol over a Unix datagram socket."""
import socket

from kiosk.sdnotify import Notifier


def test_ready_and_watchdog_reach_the_socket(notify_socket, monkeypatch):
    server = notify_socket
    server.settimeout(2)
    monkeypatch.setenv("WATCHDOG_USEC", "2000000")
    n = Notifier()
    assert n.enabled and n.watchdog_interval_s == 1.0
    n.ready("up")
    assert server.recv(100) == b"READY=1\nSTATUS=up"
    n.ping(now=10.0)
    assert server.recv(100) == b"WATCHDOG=1"
    n.ping(now=10.5)  # too soon: half the interval has not passed
    n.ping(now=11.0)
    assert server.recv(100) == b"WATCHDOG=1"
    server.settimeout(0.2)
    try:
        extra = server.recv(100)
    except socket.timeout:
        extra = None
    assert extra is None


def test_without_systemd_it_does_nothing(monkeypatch):
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    monkeypatch.delenv("WATCHDOG_USEC", raising=False)
    n = Notifier()
    assert not n.enabled and n.notify("READY=1") is False
    n.ping()


def test_a_full_socket_never_blocks_the_loop(notify_socket):
    # The socket is never read: the kernel queue fills up after a few datagrams.
    n = Notifier()
    results = [n.notify("WATCHDOG=1") for _ in range(200)]
    assert results[0] is True and results[-1] is False
