"""The bench and health hooks of the printer package."""
from __future__ import annotations

from printer import bench, health


def test_bench_reports_render_time_and_job_size():
    figures, notes = bench.run({"printer": {"width_dots": 576}})
    assert set(figures) == {"ticket_render_ms", "ticket_job_bytes"}
    assert figures["ticket_render_ms"] > 0
    assert 0 < figures["ticket_job_bytes"] <= 40 * 1024
    assert "576" in notes["ticket_render_ms"]


def by_name(checks: list[dict]) -> dict[str, dict]:
    return {c["name"]: c for c in checks}


def test_health_of_printers_in_every_state(fake_printer):
    ok = fake_printer("ok")
    out = by_name(health.checks({"printer": {"uri": ok.uri, "width_dots": 576}}))
    assert out["printer.font"]["status"] == "ok"
    assert out["printer"]["status"] == "ok" and len(ok.received) == 0   # nothing printed
    paper_out = fake_printer("paper_out")
    out = by_name(health.checks({"printer": {"uri": paper_out.uri, "width_dots": 576}}))
    assert out["printer"]["status"] == "fail" and "paper_out" in out["printer"]["detail"]
    silent = fake_printer("silent")
    out = by_name(health.checks({"printer": {"uri": silent.uri, "width_dots": 576}}))
    assert out["printer"]["status"] == "warn" and "unknown" in out["printer"]["detail"]
    assert by_name(health.checks({"printer": {"uri": "", "width_dots": 576}}))["printer"]["status"] == "warn"
    assert by_name(health.checks({"printer": {"uri": "lpt:1", "width_dots": 576}}))["printer"]["status"] == "fail"
