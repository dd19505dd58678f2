"""HTML views besides answers: a cited passage, a speaker's quotes, what the coverage holds, help."""

from __future__ import annotations

import html
from collections import Counter

from bot.models import Article, Quote
from bot.rendering.links import citation_link
from bot.rendering.render import esc
from bot.storage.catalog import Catalog

PAGE_SIZE = 5

HELP = (
    "<b>whosaid</b> answers questions about the news coverage it holds — above all <i>who said what</i> — "
    "with verbatim quotes and links to the exact place in the source.\n\n"
    "Ask in plain words, for example:\n"
    "• Who called the claims baseless?\n"
    "• What did Lukashenko say about Poland?\n"
    "• Did anyone from NATO comment?\n"
    "• What did Lukashenko say last week?\n\n"
    "/ask QUESTION — ask (in groups, or mention me, or reply to my answer)\n"
    "/who NAME — a speaker's quotes, newest first\n"
    "/sources — what the coverage holds\n"
    "/follow NAME or /follow \"topic\" — new quotes sent here as they arrive; /following, /unfollow\n"
    "/feeds — the news feeds the bot keeps reading\n"
    "/help — this message\n\n"
    "Reply to one of my answers to ask a follow-up."
)


def source_view(article: Article, start: int, end: int, speaker: str | None = None,
                spans: list[tuple[int, int]] | None = None) -> str:
    """The paragraph around a cited span, the span in bold (or only the speaker's words in it, `spans`),
    with the article's title, outlet and link."""
    start, end = max(0, start), min(len(article.text), end)
    p_lo = article.text.rfind("\n\n", 0, start)
    p_lo = 0 if p_lo < 0 else p_lo + 2
    p_hi = article.text.find("\n\n", end)
    p_hi = len(article.text) if p_hi < 0 else p_hi
    if p_hi - p_lo > 3000:
        p_lo, p_hi = max(p_lo, start - 1200), min(p_hi, end + 1200)
    text = article.text
    bold = [(a, b) for a, b in (spans or [(start, end)]) if start <= a < b <= end] or [(start, end)]
    body, at = "", p_lo
    for a, b in bold:
        body += esc(text[at:a]) + "<b>" + esc(text[a:b]) + "</b>"
        at = b
    body += esc(text[at:p_hi])
    meta = ", ".join(esc(p) for p in (article.outlet, article.author, article.published or article.updated) if p)
    head = f"<b>{esc(article.title)}</b>" + (f"\n<i>{meta}</i>" if meta else "")
    who = f"\nQuote by <b>{esc(speaker)}</b>" if speaker else ""
    link = f'\n<a href="{html.escape(article.url, quote=True)}">Open the article</a>' if article.url else ""
    return f"{head}{who}\n\n{body}{link}"


def source_plain(article: Article, start: int, end: int) -> str:
    """The terminal's view of a cited place (what `whosaid show` prints for a `#chars=` link): the title and
    outlet, then the paragraph around the span with the span between » and «."""
    start, end = max(0, start), min(len(article.text), end)
    p_lo = article.text.rfind("\n\n", 0, start)
    p_lo = 0 if p_lo < 0 else p_lo + 2
    p_hi = article.text.find("\n\n", end)
    p_hi = len(article.text) if p_hi < 0 else p_hi
    text = article.text
    meta = ", ".join(p for p in (article.outlet, article.author, article.published or article.updated) if p)
    head = article.title + (f" — {meta}" if meta else "")
    return f"{head}\n{article.source or article.id}\n\n{text[p_lo:start]}»{text[start:end]}«{text[end:p_hi]}"


def who_page(name: str, quotes: list[Quote], articles: dict[str, Article], page: int,
             roles: list[str] | None = None, bot_username: str | None = None) -> str:
    return "\n\n".join(who_blocks(name, quotes, articles, page, roles, bot_username))


def who_blocks(name: str, quotes: list[Quote], articles: dict[str, Article], page: int,
               roles: list[str] | None = None, bot_username: str | None = None) -> list[str]:
    """A page of a speaker's quotes, newest first, as self-contained HTML blocks (split into messages by
    the caller), each with its article, date and a link to the exact place."""
    if not quotes:
        return [f"No quotes from <b>{esc(name)}</b> in the coverage."]
    pages = (len(quotes) + PAGE_SIZE - 1) // PAGE_SIZE
    page = max(0, min(page, pages - 1))
    speaker = quotes[0].speaker or name
    role = f" — {esc(roles[0])}" if roles else ""
    lines = [f"<b>{esc(speaker)}</b>{role}: {len(quotes)} quotes (page {page + 1}/{pages})"]
    for q in quotes[page * PAGE_SIZE:(page + 1) * PAGE_SIZE]:
        art = articles.get(q.article_id)
        source = ", ".join(esc(p) for p in ((art.outlet, art.published or art.updated) if art else ()) if p)
        title = esc(html.unescape(art.title)) if art else esc(q.article_id)
        link = citation_link(art.url if art else "", q.text, q.article_id, q.start, q.end, bot_username,
                             art.source if art else "")
        if link.startswith("http"):
            title = f'<a href="{html.escape(link, quote=True)}">{title}</a>'
        lines.append(f"<blockquote>{esc(q.text)}</blockquote>\n<i>{esc(q.cue or 'said')}</i> — "
                     f"{title}{(' · ' + source) if source else ''}")
    return lines


def sources_view(catalog: Catalog) -> str:
    """What the coverage holds: counts, the real date range, outlets, the newest articles first."""
    articles = catalog.articles()
    if not articles:
        return "The coverage is empty: nothing has been ingested yet."
    outlets = Counter(a.outlet or "unknown outlet" for a in articles)
    dated = sorted((d, a) for a in articles if (d := (a.published or a.updated)[:10]) and d[:1].isdigit())
    lines = [f"<b>{len(articles)} articles</b>, {catalog.count('quotes')} quotes"]
    if dated:
        lines.append(f"Dates: {esc(dated[0][0])} to {esc(dated[-1][0])}")
    lines.append("Outlets: " + ", ".join(f"{esc(o)} ({n})" for o, n in outlets.most_common(10)))
    latest = [a for _, a in reversed(dated)][:5] or articles[:5]
    lines.append("Latest:\n" + "\n".join(
        f"• {esc(html.unescape(a.title))}" + (f" — {esc(a.outlet)}" if a.outlet else "")
        + (f", {esc((a.published or a.updated)[:10])}" if a.published or a.updated else "") for a in latest))
    return "\n".join(lines)
