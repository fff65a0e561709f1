"""Health hook of the printer for `kiosk doctor`: the font, and the configured printer's status."""
from __future__ import annotations

from printer.errors import PrinterError
from printer.ticket_layout import default_font_dir
from printer.transports import open_printer


def checks(cfg: dict) -> list[dict]:
    """One check for the ticket font, one for the printer (opened, asked for its status, closed;
    nothing is printed)."""
    out: list[dict] = []
    try:
        fonts = sorted(p.name for p in default_font_dir().glob("BeVietnamPro-*.ttf"))
        needed = {"BeVietnamPro-Medium.ttf", "BeVietnamPro-SemiBold.ttf", "BeVietnamPro-Bold.ttf"}
        if needed <= set(fonts):
            out.append({"name": "printer.font", "status": "ok", "detail": f"Be Vietnam Pro ({len(fonts)} files)"})
        else:
            out.append({"name": "printer.font", "status": "fail",
                        "detail": f"missing {sorted(needed - set(fonts))}: pip install fontpkg-be-vietnam-pro"})
    except Exception as e:  # noqa: BLE001
        out.append({"name": "printer.font", "status": "fail", "detail": f"{type(e).__name__}: {e}"})

    pcfg = cfg.get("printer", {})
    uri = str(pcfg.get("uri", "") or "")
    if not uri:
        out.append({"name": "printer", "status": "warn",
                    "detail": "no printer configured (printer.uri is empty): tickets are shown, not printed"})
        return out
    try:
        printer = open_printer(uri, int(pcfg.get("width_dots", 576)))
    except (ValueError, PrinterError) as e:
        out.append({"name": "printer", "status": "fail", "detail": str(e)})
        return out
    try:
        st = printer.status()
    finally:
        printer.close()
    reason = st.failure_reason()
    if reason:
        status, what = "fail", reason
    elif st.online is False:
        status, what = "fail", "offline"
    elif not st.known:
        status, what = "warn", "status unknown (the printer does not answer status queries)"
    elif st.paper == "near_end":
        status, what = "warn", "paper near its end"
    else:
        status, what = "ok", "online, paper ok"
    out.append({"name": "printer", "status": status, "detail": f"{uri}: {what} [{st.detail}]"})
    return out
