"""The content of each screen, drawn from a Show's data (see dialogs/views.py for what data holds).

Each `draw_<screen>(cv, data, area, ui)` draws inside `area` (between the caption band and the footer)
and registers its touch targets on the canvas. Long lists are paged with big Previous/Next buttons."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

import pygame

from kiosk.ui import theme
from kiosk.ui.canvas import Canvas
from kiosk.ui.words import word

Data = Mapping[str, Any]


@dataclass
class UiState:
    """What the UI remembers between frames that the dialog does not: list pages."""
    pages: dict[str, int] = field(default_factory=dict)
    page_counts: dict[str, int] = field(default_factory=dict)

    def page(self, key: str, count: int) -> int:
        self.page_counts[key] = count
        p = min(max(0, self.pages.get(key, 0)), max(0, count - 1))
        self.pages[key] = p
        return p

    def turn(self, key: str, delta: int) -> bool:
        count = self.page_counts.get(key, 1)
        p = self.pages.get(key, 0) + delta
        if 0 <= p < count:
            self.pages[key] = p
            return True
        return False


# Footer buttons per screen (left to right). "lang" becomes lang:en or lang:vi.
FOOTERS: dict[str, tuple[str, ...]] = {
    "idle": (), "greeting": ("repeat", "staff", "lang"), "asking": ("repeat", "staff", "lang"),
    "help": ("repeat", "staff", "lang"), "clarifying": ("back", "repeat", "staff", "lang"),
    "browsing": ("back", "repeat", "staff", "lang"), "card": ("back", "repeat", "staff", "lang"),
    "priority": ("back", "repeat", "staff", "lang"), "issuing": (), "printing": (),
    "ticket": ("repeat", "staff", "lang", "done"), "directions": ("repeat", "staff", "lang", "done"),
    "goodbye": (), "dossier_wait": ("back", "staff"), "dossier": ("back", "repeat", "staff", "lang", "done"),
    "code_info": ("back", "repeat", "staff", "lang"), "staff": ("repeat", "lang", "done"),
    "ticket_error": ("repeat", "lang", "done"),
}

# Screens whose caption is their main content (drawn big in the content, no caption band).
MESSAGE_SCREENS = frozenset({"idle", "goodbye", "staff", "code_info", "ticket_error"})


def lang_of(data: Data) -> str:
    return data.get("lang") if data.get("lang") in ("vi", "en") else "vi"


def heading(cv: Canvas, text: str, area: pygame.Rect, right: str = "") -> int:
    """A one-line heading at the top of area; returns its height."""
    m = cv.m
    h = m.px(46)
    r = pygame.Rect(area.left, area.top, area.width, h)
    if right:
        rr = cv.line(right, (r.right, r.centery), m.small, theme.MUTED, "Medium", anchor="midright")
        r.width -= rr.width + m.gap
    size = cv.fit_size(text, r.width, h, m.heading, m.px(26), "Bold")
    cv.para(text, r, size, theme.INK, "Bold", max_lines=1, valign="middle")
    return h


def paged(cv: Canvas, ui: UiState, key: str, items: Sequence[Any], area: pygame.Rect,
          per_page: int, draw_item: Callable[[Any, pygame.Rect, int], None], cols: int = 1,
          row_h: int | None = None) -> None:
    """Lay items out in a grid of `cols` columns; when they do not fit, a pager column on the right
    with big Previous/Next buttons and 'Page a/b'."""
    m = cv.m
    per_page = max(1, per_page)
    pages = max(1, -(-len(items) // per_page))
    page = ui.page(key, pages)
    grid = pygame.Rect(area)
    if pages > 1:
        pw = m.px(150)
        grid.width -= pw + m.gap
        col = pygame.Rect(grid.right + m.gap, area.top, pw, area.height)
        bh = min(m.px(110), (col.height - m.px(48)) // 2)
        lang = cv.lang
        cv.button(pygame.Rect(col.left, col.top, pw, bh), word(lang, "prev"), f"page:{key}:prev",
                  "neutral", icon="up", enabled=page > 0, max_lines=1, size=m.px(26), stacked=True)
        cv.button(pygame.Rect(col.left, col.bottom - bh, pw, bh), word(lang, "next"),
                  f"page:{key}:next", "neutral", icon="down", enabled=page < pages - 1, max_lines=1,
                  size=m.px(26), stacked=True)
        cv.line(word(lang, "page", a=page + 1, b=pages), (col.centerx, col.centery), m.px(24),
                theme.INK, "SemiBold", anchor="center")
    rows = -(-per_page // cols)
    gap = m.gap
    h = row_h or (grid.height - gap * (rows - 1)) // rows
    w = (grid.width - gap * (cols - 1)) // cols
    for i, item in enumerate(items[page * per_page:(page + 1) * per_page]):
        r, c = divmod(i, cols)
        draw_item(item, pygame.Rect(grid.left + c * (w + gap), grid.top + r * (h + gap), w, h),
                  page * per_page + i)


def rows_that_fit(height: int, row_h: int, gap: int) -> int:
    return max(1, (height + gap) // (row_h + gap))


# -- screens ---------------------------------------------------------------------------------

def draw_idle(cv: Canvas, data: Data, area: pygame.Rect, ui: UiState) -> None:
    m, lang = cv.m, lang_of(data)
    other = "en" if lang == "vi" else "vi"
    y = area.top + m.px(20)
    cv.line(word(lang, "hello"), (area.centerx, y), m.px(72), theme.HEADER, "Bold", anchor="midtop")
    y += m.px(100)
    msg = str(data.get("message") or "")
    y += cv.para(msg, pygame.Rect(area.left + m.px(60), y, area.width - m.px(120), m.px(120)),
                 m.px(32), theme.INK, "Medium", max_lines=3, align="center")
    y += m.px(18)
    # The whole screen is a target ("screen"); this panel just says so.
    panel = pygame.Rect(0, 0, min(area.width - m.px(120), m.px(700)), m.px(96))
    panel.midtop = (area.centerx, y)
    cv.box(panel, theme.PRIMARY)
    cv.para(word(lang, "attract"), panel.inflate(-m.px(20), 0), m.px(34), theme.WHITE, "Bold",
            max_lines=1, align="center", valign="middle")
    y = panel.bottom + m.px(8)
    cv.line(word(lang, "other_lang_hint"), (area.centerx, y), m.px(26), theme.MUTED, "Medium",
            anchor="midtop")
    y += m.px(44)
    hint = pygame.Rect(area.left + m.px(30), y, area.width - m.px(60), m.px(34))
    qs = cv.fit_size(word(lang, "qr_hint"), hint.width, hint.height, m.px(24), m.px(20))
    cv.para(word(lang, "qr_hint"), hint, qs, theme.MUTED, max_lines=1, align="center")
    bw, bh = m.px(240), m.button_h
    row = pygame.Rect(0, area.bottom - bh - m.px(8), 2 * bw + m.gap * 2, bh)
    row.centerx = area.centerx
    cv.button(pygame.Rect(row.left, row.top, bw, bh), word(lang, "lang_vi"), "lang:vi",
              "primary" if lang == "vi" else "neutral", max_lines=1)
    cv.button(pygame.Rect(row.right - bw, row.top, bw, bh), word(lang, "lang_en"), "lang:en",
              "primary" if lang == "en" else "neutral", max_lines=1)
    if not data.get("speech", True):
        cv.line(word(lang, "no_speech"), (area.centerx, row.top - m.px(6)), m.px(24), theme.AMBER,
                "SemiBold", anchor="midbottom")
    _ = other


def draw_fields(cv: Canvas, data: Data, area: pygame.Rect, ui: UiState) -> None:
    """greeting, asking, help: the grid of fields."""
    m, lang = cv.m, lang_of(data)
    fields = list(data.get("fields") or [])
    title = word(lang, "help_title") if data.get("_screen") == "help" else word(lang, "fields")
    top = area.top + heading(cv, title, area)
    if int(data.get("not_understood") or 0) > 0 and data.get("_screen") != "help":
        r = pygame.Rect(area.left, top, area.width, m.px(36))
        cv.para(word(lang, "not_understood"), r, m.px(26), theme.WARN, "SemiBold", max_lines=1)
        top += m.px(38)
    grid = pygame.Rect(area.left, top + m.px(4), area.width, area.bottom - top - m.px(4))
    if not fields:
        cv.para(word(lang, "no_fields"), grid, m.body, theme.INK, max_lines=3)
        return
    n = len(fields)
    cols = 3 if grid.width >= m.px(700) else 2
    rows = rows_that_fit(grid.height, m.button_h, m.gap)
    if n <= cols * rows:
        rows = -(-n // cols)
        row_h = min(m.px(110), (grid.height - m.gap * (rows - 1)) // rows)
    else:
        row_h = None

    def one(f: Mapping[str, str], r: pygame.Rect, i: int) -> None:
        name = str(f.get("name", ""))
        size = cv.fit_size(name, r.width - m.px(28), r.height - m.px(8), m.px(28), m.px(21),
                           "SemiBold", max_lines=2)
        cv.button(r, name, f"field:{f.get('id')}", "primary", max_lines=2, size=size)

    paged(cv, ui, "fields", fields, grid, cols * rows, one, cols=cols, row_h=row_h)


def draw_clarifying(cv: Canvas, data: Data, area: pygame.Rect, ui: UiState) -> None:
    m, lang = cv.m, lang_of(data)
    choices = list(data.get("choices") or [])
    top = area.top + heading(cv, word(lang, "choose"), area)
    body = pygame.Rect(area.left, top + m.px(4), area.width, area.bottom - top - m.px(4))
    nw = m.px(190)
    cv.button(pygame.Rect(body.right - nw, body.top, nw, body.height), word(lang, "none_of_these"),
              "no", "neutral", max_lines=4, size=m.px(26))
    body.width -= nw + m.gap
    if not choices:
        return
    gap = m.gap
    text_w = body.width - m.px(110)
    n = len(choices)
    h = min(m.px(130), (body.height - gap * (n - 1)) // n)
    for i, c in enumerate(choices):
        name = str(c.get("name", ""))
        r = pygame.Rect(body.left, body.top + i * (h + gap), body.width, h)
        # Each name as big as its button allows (a long official name gets a smaller font).
        size = cv.fit_size(name, text_w, h - m.px(10), m.px(28), m.px(22), "SemiBold", max_lines=3)
        cv.button(r, name, f"choice:{c.get('index', i + 1)}", "primary", size=size, max_lines=3,
                  align="left", badge=str(c.get("index", i + 1)))


def draw_browsing(cv: Canvas, data: Data, area: pygame.Rect, ui: UiState) -> None:
    m, lang = cv.m, lang_of(data)
    procs = list(data.get("procedures") or [])
    top = area.top + heading(cv, str(data.get("field_name") or ""), area,
                             right=f"{len(procs)} {word(lang, 'procedure').lower()}")
    body = pygame.Rect(area.left, top + m.px(4), area.width, area.bottom - top - m.px(4))
    if not procs:
        cv.para(word(lang, "no_procedures"), body, m.body, theme.INK, max_lines=3)
        return
    rows = rows_that_fit(body.height, m.button_h, m.gap)
    # Two columns when the list is long and the screen wide enough: fewer pages to turn.
    cols = 2 if len(procs) > rows and body.width >= m.px(900) else 1

    def one(p: Mapping[str, str], r: pygame.Rect, i: int) -> None:
        name = str(p.get("name", ""))
        size = cv.fit_size(name, r.width - m.px(28), r.height - m.px(8), m.px(27), m.px(22),
                           "SemiBold", max_lines=2)
        cv.button(r, name, f"procedure:{p.get('id')}", "primary", size=size, max_lines=2,
                  align="left")

    paged(cv, ui, "procedures", procs, body, rows * cols, one, cols=cols)


def draw_card(cv: Canvas, data: Data, area: pygame.Rect, ui: UiState) -> None:
    """Procedure card: name; fee, time, online in a strip; papers to bring (paged when long) beside
    the big "take a ticket" button (and the priority-ticket button where the centre offers it)."""
    m, lang = cv.m, lang_of(data)
    p = data.get("procedure") or {}
    name = str(p.get("name", ""))
    lines = 2
    size = cv.fit_size(name, area.width, m.px(76), m.px(30), m.px(24), "Bold", max_lines=2)
    if len(cv.text.wrap(name, size, area.width, "Bold")) > 2:
        lines = 3  # a long official name: a third line, smaller, rather than cut it
        size = cv.fit_size(name, area.width, m.px(96), m.px(24), m.px(21), "Bold", max_lines=3)
    h = cv.para(name, pygame.Rect(area.left, area.top, area.width, m.px(100)), size, theme.INK,
                "Bold", max_lines=lines, spacing=1.0)
    top = area.top + h + m.px(6)
    # Fee, time, online: three cells side by side.
    online = {"full": "online_full", "partial": "online_partial"}.get(str(p.get("online")),
                                                                     "online_none")
    facts = [(word(lang, "fee"), str(p.get("fee") or "-")),
             (word(lang, "time"), str(p.get("processing_time") or "-")),
             (word(lang, "online"), word(lang, online))]
    strip = pygame.Rect(area.left, top, area.width, m.px(88))
    cw = (strip.width - 2 * m.gap) // 3
    kh = cv.text.line_height(m.px(20), "Medium")
    for i, (k, v) in enumerate(facts):
        cell = pygame.Rect(strip.left + i * (cw + m.gap), strip.top, cw, strip.height)
        cv.box(cell, theme.PANEL, theme.BORDER, radius=m.px(10))
        ci = cell.inflate(-m.px(20), -m.px(10))
        cv.line(k, ci.topleft, m.px(20), theme.MUTED, "Medium")
        vr = pygame.Rect(ci.left, ci.top + kh, ci.width, ci.height - kh)
        vs = cv.fit_size(v, vr.width, vr.height, m.px(26), m.px(20), "Bold", max_lines=2)
        cv.para(v, vr, vs, theme.INK, "Bold", max_lines=2, spacing=1.0)
    body = pygame.Rect(area.left, strip.bottom + m.gap, area.width,
                       area.bottom - strip.bottom - m.gap)
    # The buttons, on the right.
    bw = m.px(300)
    col = pygame.Rect(body.right - bw, body.top, bw, body.height)
    if data.get("priority_enabled"):
        ph = max(m.button_h, (col.height - m.gap) * 2 // 5)
        cv.button(pygame.Rect(col.left, col.bottom - ph, bw, ph), word(lang, "take_priority"),
                  "take_ticket:priority", "primary", size=m.px(28), max_lines=2)
        col.height -= ph + m.gap
    cv.button(col, word(lang, "take_ticket"), "take_ticket", "go", size=m.px(34), max_lines=2)
    # Papers to bring.
    left = pygame.Rect(body.left, body.top, body.width - bw - m.gap, body.height)
    cv.box(left, theme.PANEL, theme.BORDER)
    inner = left.inflate(-2 * m.pad, -m.px(8))
    cv.line(word(lang, "documents"), inner.topleft, m.px(24), theme.HEADER, "Bold")
    lst = pygame.Rect(inner.left, inner.top + m.px(32), inner.width, inner.height - m.px(32))
    docs = [str(d) for d in (p.get("documents") or [])] or [word(lang, "no_docs")]
    _document_pages(cv, ui, docs, lst)


def _document_pages(cv: Canvas, ui: UiState, docs: list[str], area: pygame.Rect) -> None:
    """The papers as a bulleted list; pages (with up/down buttons) when they do not fit."""
    m = cv.m
    size = m.px(26)
    bullet_w = m.px(26)
    width = area.width - bullet_w

    def heights(w: int) -> list[int]:
        return [cv.para_height(d, w, size, max_lines=4) + m.px(4) for d in docs]

    hs = heights(width)
    if sum(hs) > area.height:
        size = m.px(24)  # a little smaller rather than a second page
        hs = heights(width)
    if sum(hs) > area.height:
        size = m.px(26)
        width = area.width - bullet_w - m.px(92)
        hs = heights(width)
        pages: list[list[int]] = [[]]
        used = 0
        for i, h in enumerate(hs):
            if pages[-1] and used + h > area.height:
                pages.append([])
                used = 0
            pages[-1].append(i)
            used += h
        page = ui.page("documents", len(pages))
        shown = pages[page]
        bw = m.px(84)
        bh = max(m.px(66), min(m.px(84), (area.height - m.px(26)) // 2))
        cv.button(pygame.Rect(area.right - bw, area.top, bw, bh), "", "page:documents:prev",
                  "neutral", icon="up", enabled=page > 0)
        cv.button(pygame.Rect(area.right - bw, area.bottom - bh, bw, bh), "",
                  "page:documents:next", "neutral", icon="down", enabled=page < len(pages) - 1)
        cv.line(f"{page + 1}/{len(pages)}", (area.right - bw // 2, area.top + bh + (area.height - 2 * bh) // 2),
                m.px(22), theme.INK, "SemiBold", anchor="center")
    else:
        shown = list(range(len(docs)))
    y = area.top
    for i in shown:
        lh = round(cv.text.line_height(size) * 1.08)
        pygame.draw.circle(cv.surf, theme.HEADER, (area.left + m.px(8), y + lh // 2), m.px(6))
        r = pygame.Rect(area.left + bullet_w, y, width, area.bottom - y)
        y += cv.para(docs[i], r, size, theme.INK, max_lines=4) + m.px(4)


def draw_priority(cv: Canvas, data: Data, area: pygame.Rect, ui: UiState) -> None:
    m, lang = cv.m, lang_of(data)
    p = data.get("procedure") or {}
    top = area.top + heading(cv, word(lang, "priority_question"), area)
    groups = [str(g) for g in (data.get("groups") or [])]
    if p.get("name"):
        r = pygame.Rect(area.left, top, area.width, m.px(36))
        cv.para(f"{word(lang, 'procedure')}: {p.get('name')}", r, m.px(24), theme.MUTED,
                max_lines=1)
        top += m.px(38)
    if groups:
        text = f"{word(lang, 'groups')}: " + " · ".join(g[:1].upper() + g[1:] for g in groups)
        gr = pygame.Rect(area.left, top + m.px(4), area.width, m.px(80))
        top += cv.para(text, gr, m.px(27), theme.INK, "Medium", max_lines=2) + m.px(12)
    bh = min(m.px(130), area.bottom - top)
    row = pygame.Rect(area.left, area.bottom - bh, area.width, bh)
    half = (row.width - m.gap) // 2
    cv.button(pygame.Rect(row.left, row.top, half, bh), word(lang, "priority_yes"), "priority:yes",
              "go", size=m.px(32), max_lines=2)
    cv.button(pygame.Rect(row.right - half, row.top, half, bh), word(lang, "priority_no"),
              "priority:no", "primary", size=m.px(32), max_lines=2)


def _spinner(cv: Canvas, centre: tuple[int, int], colour: theme.Colour) -> None:
    step = (pygame.time.get_ticks() // 350) % 3
    r = cv.m.px(10)
    for i in range(3):
        c = (centre[0] + (i - 1) * r * 4, centre[1])
        pygame.draw.circle(cv.surf, colour if i == step else theme.NEUTRAL_DOWN, c, r)


def draw_issuing(cv: Canvas, data: Data, area: pygame.Rect, ui: UiState) -> None:
    m, lang = cv.m, lang_of(data)
    p = data.get("procedure") or {}
    cv.line(word(lang, "issuing"), (area.centerx, area.top + m.px(60)), m.px(44), theme.HEADER,
            "Bold", anchor="midtop")
    _spinner(cv, (area.centerx, area.top + m.px(160)), theme.PRIMARY)
    if p.get("name"):
        cv.para(str(p.get("name")), pygame.Rect(area.left + m.px(40), area.top + m.px(200),
                                                area.width - m.px(80), m.px(100)),
                m.body, theme.MUTED, max_lines=2, align="center")


def _number_panel(cv: Canvas, rect: pygame.Rect, title: str, value: str, colour: theme.Colour,
                  max_size: int) -> None:
    m = cv.m
    cv.box(rect, theme.PANEL, colour, width=4)
    t = cv.line(title, (rect.centerx, rect.top + m.px(8)), m.px(28), theme.MUTED, "SemiBold",
                anchor="midtop")
    room = pygame.Rect(rect.left + m.px(12), t.bottom, rect.width - m.px(24),
                       rect.bottom - t.bottom - m.px(6))
    size = max_size
    font = cv.text.font(size, "Bold")
    w, h = font.size(value)
    if w > room.width or h * 0.8 > room.height:
        size = max(m.px(40), int(size * min(room.width / max(1, w), room.height / max(1, h * 0.8))))
    img = cv.text.render(value, size, colour, "Bold")
    cv.surf.blit(img, img.get_rect(center=room.center))


def draw_ticket(cv: Canvas, data: Data, area: pygame.Rect, ui: UiState) -> None:
    """printing and ticket: the number VERY large and the counter."""
    m, lang = cv.m, lang_of(data)
    t = data.get("ticket") or {}
    top = area.top
    failed = bool(data.get("printer_failed"))
    if failed:
        banner = pygame.Rect(area.left, top, area.width, m.px(58))
        cv.box(banner, theme.WARN)
        cv.para(word(lang, "printer_failed"), banner.inflate(-m.px(20), 0), m.px(32), theme.WHITE,
                "Bold", max_lines=1, align="center", valign="middle")
        top = banner.bottom + m.gap
    elif data.get("_screen") == "printing":
        cv.line(word(lang, "printing"), (area.left, top), m.px(30), theme.HEADER, "Bold")
        _spinner(cv, (area.right - m.px(60), top + m.px(18)), theme.PRIMARY)
        top += m.px(44)
    info_h = m.px(44)
    panels = pygame.Rect(area.left, top, area.width, area.bottom - top - info_h)
    nw = int(panels.width * 0.62)
    colour = theme.WARN if failed else theme.HEADER
    _number_panel(cv, pygame.Rect(panels.left, panels.top, nw, panels.height),
                  word(lang, "number"), str(t.get("number", "")), colour, m.px(190))
    cr = pygame.Rect(panels.left + nw + m.gap, panels.top, panels.width - nw - m.gap, panels.height)
    _number_panel(cv, cr, word(lang, "counter"), str(t.get("counter_number", "")), theme.GO,
                  m.px(170))
    bits = []
    if t.get("counter_name"):
        bits.append(str(t["counter_name"]))
    if not t.get("offline"):
        bits.append(f"{word(lang, 'ahead')}: {t.get('people_ahead', 0)}")
        if t.get("estimated_wait_min"):
            bits.append(f"{word(lang, 'wait')} {t['estimated_wait_min']} {word(lang, 'minutes')}")
    else:
        bits.append(word(lang, "offline"))
    if t.get("priority"):
        bits.insert(0, word(lang, "priority_ticket"))
    info = pygame.Rect(area.left, area.bottom - info_h + m.px(4), area.width, info_h - m.px(4))
    size = cv.fit_size(" · ".join(bits), info.width, info.height, m.px(26), m.px(22), "Medium")
    cv.para(" · ".join(bits), info, size, theme.INK, "Medium", max_lines=1, valign="middle")


def draw_directions(cv: Canvas, data: Data, area: pygame.Rect, ui: UiState) -> None:
    m, lang = cv.m, lang_of(data)
    t = data.get("ticket") or {}
    top = area.top
    if data.get("printer_failed"):
        banner = pygame.Rect(area.left, top, area.width, m.px(52))
        cv.box(banner, theme.WARN)
        cv.para(word(lang, "printer_failed"), banner.inflate(-m.px(20), 0), m.px(28), theme.WHITE,
                "Bold", max_lines=1, align="center", valign="middle")
        top = banner.bottom + m.gap
    box = pygame.Rect(area.left, top, area.width, area.bottom - top)
    cw = int(box.width * 0.58)
    left = pygame.Rect(box.left, box.top, cw, box.height)
    cv.box(left, theme.PANEL, theme.GO, width=4)
    title = f"{word(lang, 'go_to')} {word(lang, 'counter').lower()}"
    t_r = cv.line(title, (left.centerx, left.top + m.px(8)), m.px(34), theme.INK, "Bold",
                  anchor="midtop")
    num = str(t.get("counter_number", ""))
    room = pygame.Rect(left.left, t_r.bottom, left.width, left.bottom - t_r.bottom - m.px(44))
    size = min(m.px(200), int(room.height / 0.95))
    img = cv.text.render(num, size, theme.GO, "Bold")
    if img.get_width() > room.width - m.px(20):
        img = cv.text.render(num, max(m.px(40), size * (room.width - m.px(20)) // img.get_width()),
                             theme.GO, "Bold")
    cv.surf.blit(img, img.get_rect(center=room.center))
    if t.get("counter_name"):
        cv.para(str(t["counter_name"]), pygame.Rect(left.left + m.pad, left.bottom - m.px(44),
                                                    left.width - 2 * m.pad, m.px(40)),
                m.px(26), theme.INK, "Medium", max_lines=1, align="center")
    right = pygame.Rect(left.right + m.gap, box.top, box.width - cw - m.gap, box.height)
    _number_panel(cv, right, word(lang, "number"), str(t.get("number", "")),
                  theme.WARN if data.get("printer_failed") else theme.HEADER, m.px(110))


def _message(cv: Canvas, data: Data, area: pygame.Rect, title: str, colour: theme.Colour) -> int:
    """A title and the robot's message, big and centred (the message is the caption)."""
    m = cv.m
    msg = str(data.get("message") or data.get("caption") or "")
    width = area.width - m.px(100)
    size = cv.fit_size(msg, width, area.height - m.px(100), m.px(38), m.px(28), "Medium",
                       max_lines=4)
    body_h = cv.para_height(msg, width, size, "Medium", max_lines=5)
    title_h = m.px(80)
    top = area.top + max(0, (area.height - title_h - body_h) // 3)
    cv.line(title, (area.centerx, top), m.px(52), colour, "Bold", anchor="midtop")
    r = pygame.Rect(area.left + m.px(50), top + title_h, width, area.bottom - top - title_h)
    return r.top + cv.para(msg, r, size, theme.INK, "Medium", max_lines=5, align="center")


def draw_goodbye(cv: Canvas, data: Data, area: pygame.Rect, ui: UiState) -> None:
    lang = lang_of(data)
    _message(cv, data, area.inflate(0, -cv.m.px(60)), word(lang, "thanks"), theme.GO)


def draw_staff(cv: Canvas, data: Data, area: pygame.Rect, ui: UiState) -> None:
    _message(cv, data, area, word(lang_of(data), "staff_title"), theme.HEADER)


def draw_ticket_error(cv: Canvas, data: Data, area: pygame.Rect, ui: UiState) -> None:
    _message(cv, data, area, word(lang_of(data), "ticket_error_title"), theme.WARN)


def draw_code_info(cv: Canvas, data: Data, area: pygame.Rect, ui: UiState) -> None:
    _message(cv, data, area, word(lang_of(data), "code_info_title"), theme.HEADER)


def draw_dossier_wait(cv: Canvas, data: Data, area: pygame.Rect, ui: UiState) -> None:
    m, lang = cv.m, lang_of(data)
    top = area.top + heading(cv, word(lang, "dossier"), area)
    cv.line(f"{word(lang, 'code')}: {data.get('code', '')}", (area.left, top + m.px(10)), m.body,
            theme.INK, "SemiBold")
    cv.line(word(lang, "looking_up"), (area.centerx, top + m.px(110)), m.px(36), theme.HEADER,
            "Bold", anchor="midtop")
    _spinner(cv, (area.centerx, top + m.px(190)), theme.PRIMARY)


def draw_dossier(cv: Canvas, data: Data, area: pygame.Rect, ui: UiState) -> None:
    m, lang = cv.m, lang_of(data)
    top = area.top + heading(cv, word(lang, "dossier"), area)
    panel = pygame.Rect(area.left, top + m.px(4), area.width, area.bottom - top - m.px(4))
    if data.get("error") or not data.get("status_text"):
        cv.box(panel, theme.WARN_BG, theme.WARN)
        inner = panel.inflate(-2 * m.pad, -2 * m.pad)
        cv.line(f"{word(lang, 'code')}: {data.get('code', '')}", inner.topleft, m.body, theme.INK,
                "SemiBold")
        r = pygame.Rect(inner.left, inner.top + m.px(50), inner.width, inner.height - m.px(50))
        cv.para(str(data.get("caption") or ""), r, m.px(30), theme.WARN, "SemiBold", max_lines=4)
        return
    cv.box(panel, theme.PANEL, theme.BORDER)
    inner = panel.inflate(-2 * m.pad, -m.px(20))
    rows = [(word(lang, "code"), str(data.get("code", "")), m.px(28), theme.INK),
            (word(lang, "procedure"), str(data.get("procedure_name") or "-"), m.px(26), theme.INK),
            (word(lang, "status"), str(data.get("status_text", "")), m.px(32), theme.GO),
            (word(lang, "due"), str(data.get("due_date") or "-"), m.px(28), theme.INK)]
    if data.get("counter_number") is not None:
        rows.append((word(lang, "counter"), str(data["counter_number"]), m.px(28), theme.INK))
    kw = m.px(230)
    y = inner.top
    for k, v, size, colour in rows:
        cv.line(k, (inner.left, y + m.px(4)), m.px(24), theme.MUTED, "Medium")
        r = pygame.Rect(inner.left + kw, y, inner.width - kw, inner.bottom - y)
        lines = 2 if k == word(lang, "procedure") else 1
        y += cv.para(v, r, size, colour, "Bold" if colour == theme.GO else "SemiBold",
                     max_lines=lines) + m.px(8)


SCREENS: dict[str, Callable[[Canvas, Data, pygame.Rect, UiState], None]] = {
    "idle": draw_idle, "greeting": draw_fields, "asking": draw_fields, "help": draw_fields,
    "clarifying": draw_clarifying, "browsing": draw_browsing, "card": draw_card,
    "priority": draw_priority, "issuing": draw_issuing, "printing": draw_ticket,
    "ticket": draw_ticket, "directions": draw_directions, "goodbye": draw_goodbye,
    "dossier_wait": draw_dossier_wait, "dossier": draw_dossier, "code_info": draw_code_info,
    "staff": draw_staff, "ticket_error": draw_ticket_error,
}
