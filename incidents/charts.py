"""Small charts drawn on the server as inline SVG: no JavaScript, print and screen-reader friendly.

Colours come from site.css (`--rank-0`…`--rank-5`) through the `rank-fill-N` classes in
incidents.css, so the charts match the map's markers.
"""

from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

RANKS = range(6)


def nice_max(value: int) -> int:
    """The smallest 1, 2, 2.5 or 5 × 10ⁿ at or above `value`: round numbers on the axis."""
    value = max(int(value), 1)
    magnitude = 10 ** (len(str(value)) - 1)
    for factor in (1, 2, 2.5, 5, 10):
        if value <= factor * magnitude:
            return max(int(factor * magnitude), value)
    return value


def months_chart(months: list[dict], *, title: str) -> SafeString:
    """Stacked columns per month, one colour per rank."""
    if not months:
        return mark_safe("")
    width, height, left, bottom, top = 640, 240, 36, 28, 10
    plot_h = height - bottom - top
    peak = nice_max(max(m["total"] for m in months))
    slot = (width - left - 8) / len(months)
    bar = max(min(slot * 0.72, 48), 2)
    parts = [
        format_html(
            '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-label="{}" preserveAspectRatio="xMidYMid meet">',
            width,
            height,
            title,
        )
    ]
    for tick in (0, peak // 2, peak):
        y = top + plot_h - plot_h * tick / peak
        parts.append(
            format_html(
                '<line class="grid" x1="{}" x2="{}" y1="{}" y2="{}"/><text class="tick" x="{}" y="{}" text-anchor="end">{}</text>',
                left, width - 4, round(y, 1), round(y, 1), left - 6, round(y + 4, 1), tick,
            )
        )
    label_every = max(1, round(len(months) / 8))
    for i, month in enumerate(months):
        x = left + slot * i + (slot - bar) / 2
        y = top + plot_h
        name = date_format(month["month"], "M Y")
        for rank in RANKS:
            n = month["counts"].get(rank, 0)
            if not n:
                continue
            h = plot_h * n / peak
            y -= h
            # Plain formatting for the numbers, escaping for the text: format_html escaped every
            # number too, 60 % of drawing a chart of ~400 columns.
            tip = ngettext(
                "%(month)s: %(n)d incident of rank %(rank)d", "%(month)s: %(n)d incidents of rank %(rank)d", n
            ) % {"month": name, "n": n, "rank": rank}
            parts.append(
                f'<rect class="rank-fill-{rank}" x="{round(x, 1)}" y="{round(y, 1)}" width="{round(bar, 1)}" '
                f'height="{round(h, 1)}"><title>{escape(tip)}</title></rect>'
            )
        if i % label_every == 0:
            parts.append(
                format_html(
                    '<text class="tick" x="{}" y="{}" text-anchor="middle">{}</text>',
                    round(x + bar / 2, 1), height - 8, name,
                )
            )
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(parts))


def states_chart(states: list[dict], *, title: str) -> SafeString:
    """Horizontal stacked bars per state, most incidents first."""
    if not states:
        return mark_safe("")
    row, left, width = 26, 130, 640
    height = row * len(states) + 8
    peak = max(s["total"] for s in states)
    plot_w = width - left - 48
    parts = [
        format_html(
            '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-label="{}" preserveAspectRatio="xMidYMid meet">',
            width, height, title,
        )
    ]
    for i, state in enumerate(states):
        y = 4 + i * row
        parts.append(
            format_html(
                '<text class="label" x="{}" y="{}" text-anchor="end">{}</text>',
                left - 8, y + 16, state["label"],
            )
        )
        x = left
        for rank in RANKS:
            n = state["counts"].get(rank, 0)
            if not n:
                continue
            w = plot_w * n / peak
            tip = ngettext(
                "%(state)s: %(n)d incident of rank %(rank)d", "%(state)s: %(n)d incidents of rank %(rank)d", n
            ) % {"state": state["label"], "n": n, "rank": rank}
            parts.append(
                f'<rect class="rank-fill-{rank}" x="{round(x, 1)}" y="{y + 3}" width="{round(w, 1)}" '
                f'height="{row - 8}"><title>{escape(tip)}</title></rect>'
            )
            x += w
        parts.append(
            format_html(
                '<text class="total" x="{}" y="{}">{}</text>', round(x + 6, 1), y + 16, state["total"]
            )
        )
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(parts))


def days_chart(days: list[dict], *, title: str) -> SafeString:
    """Labels per day: simple columns."""
    if not days:
        return mark_safe("")
    width, height, bottom, top = 640, 150, 24, 16
    plot_h = height - bottom - top
    peak = max(max(d["n"] for d in days), 1)
    slot = width / len(days)
    parts = [
        format_html(
            '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-label="{}">', width, height, title
        )
    ]
    for i, day in enumerate(days):
        h = plot_h * day["n"] / peak
        x = slot * i + slot * 0.15
        label = date_format(day["day"], "j M")
        parts.append(
            format_html(
                '<rect class="bar" x="{}" y="{}" width="{}" height="{}"><title>{}: {}</title></rect>',
                round(x, 1), round(top + plot_h - h, 1), round(slot * 0.7, 1), round(h, 1), label, day["n"],
            )
        )
        if day["n"]:
            parts.append(
                format_html(
                    '<text class="tick" x="{}" y="{}" text-anchor="middle">{}</text>',
                    round(x + slot * 0.35, 1), round(top + plot_h - h - 4, 1), day["n"],
                )
            )
        if i % 2 == 0:
            parts.append(
                format_html(
                    '<text class="tick" x="{}" y="{}" text-anchor="middle">{}</text>',
                    round(x + slot * 0.35, 1), height - 6, escape(label),
                )
            )
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(parts))


def chart_titles() -> dict[str, str]:
    return {
        "months": _("Incidents per month, by force rank"),
        "states": _("Incidents by state, by force rank"),
        "days": _("Labels per day"),
    }
