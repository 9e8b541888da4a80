"""Geometry of a stance timeline: stance on the y axis (supports above, opposes below), date on the x
axis, shifts as arrows from the old stance to the new. Templates draw it as inline SVG, so a chart needs
no JavaScript; every value here is a number or a string the template escapes."""

from __future__ import annotations

from datetime import date

STANCES = ("supports", "neutral", "opposes")  # top to bottom
WIDTH, HEIGHT = 640, 180
LEFT, RIGHT, TOP, BOTTOM = 80, 20, 20, 30
TICKS = 5


def timeline_chart(
    points: list[dict], shifts: list[dict] = (), width: int = WIDTH, height: int = HEIGHT
) -> dict:
    """``points``: position records (``dated``, ``stance``, ``article_id``, ``statement_id``, ``speaker``,
    ``content_text``); ``shifts``: shift records. Undated points are left out and counted."""
    dated = [p for p in points if p.get("dated")]
    days = [p["dated"] for p in dated] + [
        d for s in shifts for d in (s.get("from_date"), s.get("to_date")) if d
    ]
    first, last = (min(days), max(days)) if days else (date.today(), date.today())
    span = max((last - first).days, 1)
    plot = width - LEFT - RIGHT

    def x(day: date) -> float:
        if first == last:
            return LEFT + plot / 2
        return round(LEFT + (day - first).days / span * plot, 1)

    def y(stance: str) -> float:
        row = STANCES.index(stance) if stance in STANCES else 1
        return round(TOP + row * (height - TOP - BOTTOM) / (len(STANCES) - 1), 1)

    seen: dict[tuple[float, float], int] = {}
    drawn = []
    for point in sorted(dated, key=lambda p: p["dated"]):
        spot = (x(point["dated"]), y(point["stance"]))
        nudge = seen.get(spot, 0)  # points on one day and stance fan out sideways
        seen[spot] = nudge + 1
        drawn.append(
            {
                "x": round(spot[0] + 5 * nudge, 1),
                "y": spot[1],
                "stance": point["stance"],
                "href": f"/articles/{point['article_id']}#statement-{point['statement_id']}",
                "label": f"{point['dated'].isoformat()} · {point['stance']} · {point.get('speaker') or ''}: "
                f"{point.get('content_text') or ''}",
            }
        )
    arrows = [
        {
            "x1": x(s["from_date"]),
            "y1": y(s["from_stance"]),
            "x2": x(s["to_date"]),
            "y2": y(s["to_stance"]),
            "href": f"#shift-{s['id']}",
            "label": f"{s['kind']}: {s['from_stance']} → {s['to_stance']}"
            f" ({s['from_date']} → {s['to_date']})",
        }
        for s in shifts
        if s.get("from_date") and s.get("to_date")
    ]
    ticks = (
        [first]
        if first == last
        else [date.fromordinal(first.toordinal() + round(i * span / (TICKS - 1))) for i in range(TICKS)]
    )
    return {
        "width": width,
        "height": height,
        "points": drawn,
        "shifts": arrows,
        "undated": len(points) - len(dated),
        "rows": [{"y": y(stance), "label": stance} for stance in STANCES],
        "ticks": [{"x": x(day), "label": day.isoformat()} for day in ticks],
        "left": LEFT,
        "right": width - RIGHT,
        "bottom": height - BOTTOM,
    }
