"""`whosaid eval GOLD.json`: score quote extraction or answers against a hand-made gold file.

Two gold formats (documented in README):
- quotes: {"source": "path/to/articles.jsonl" (optional), "articles": [{"article_id", "path"?, "quotes":
  [{"text", "speaker"}]}]} — prints quote-span precision/recall, speaker accuracy and errors by kind.
- questions: [{"question", "expected_speaker"?, "expected_words"?: [...], "refused"?: bool}] — asked
  against the current store; prints hit@k, speaker accuracy, fragment found, refusal accuracy and
  verified-quote rate.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from urllib.parse import unquote

from bot.config import Settings
from bot.errors import WhosaidError
from bot.links import parse_payload
from bot.models import Answer, Article
from bot.speakers import name_key
from bot.verify import _QUOTED, core, normalise, verbatim_in

ROOT = Path(__file__).resolve().parent.parent


def _speaker_ok(predicted: str | None, gold: str | list[str] | None) -> bool:  # noqa: D103
    options = gold if isinstance(gold, list) else [gold]
    return any(name_key(predicted) == name_key(o) for o in options)


# quotes ------------------------------------------------------------------------------------------
def _load_articles(gold: dict, base: Path) -> dict[str, Article]:
    from bot.sources import SourceReader, Unit, _item_from_record, article_from_text

    articles: dict[str, Article] = {}
    source = gold.get("source")
    wanted = {a["article_id"] for a in gold["articles"]}
    if source:
        path = next((p for p in (base / source, ROOT / source, Path(source)) if p.exists()), None)
        if path is None:
            raise WhosaidError(f"the gold file's source {source} is not here (it lives in ../shared)")
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                if record.get("id") in wanted:
                    item = _item_from_record(record["id"], record)
                    if item.article:
                        articles[record["id"]] = item.article
    for entry in gold["articles"]:
        if "path" in entry:
            path = next(p for p in (base / entry["path"], ROOT / entry["path"]) if p.exists())
            if path.suffix == ".txt":
                articles[entry["article_id"]] = article_from_text(str(path), path.read_text(encoding="utf-8"))
            else:
                reader = SourceReader(max_file_bytes=50_000_000, fetch_timeout=5)
                item = next(iter(reader.read(Unit(str(path)))))
                if item.article:
                    articles[entry["article_id"]] = item.article
    return articles


def quote_scores(gold: dict, base: Path) -> dict:
    from bot.quotes import extract_quotes

    articles = _load_articles(gold, base)
    tp = fp = fn = speaker_right = 0
    confidences: list[tuple[float, bool]] = []
    errors: Counter[str] = Counter()
    examples: list[str] = []
    for entry in gold["articles"]:
        article = articles.get(entry["article_id"])
        if article is None:
            raise WhosaidError(f"article {entry['article_id']} of the gold file was not found")
        predicted, _ = extract_quotes(article)
        gold_quotes = list(entry["quotes"])
        unmatched = {i: g for i, g in enumerate(gold_quotes)}
        for q in predicted:
            match = next((i for i, g in unmatched.items() if core(g["text"]) == core(q.text)), None)
            if match is None:
                fp += 1
                errors["spurious or wrong span"] += 1
                examples.append(f"{entry['article_id']}: extra {q.text[:60]!r} ({q.speaker})")
                continue
            g = unmatched.pop(match)
            tp += 1
            ok = _speaker_ok(q.speaker, g.get("speaker"))
            if q.speaker or g.get("speaker") is None:
                confidences.append((q.confidence if q.speaker else 0.0, ok))
            if ok:
                speaker_right += 1
            else:
                errors["wrong speaker" if q.speaker else "no speaker"] += 1
                examples.append(f"{entry['article_id']}: {q.text[:50]!r} -> {q.speaker} (gold {g.get('speaker')})")
        for g in unmatched.values():
            fn += 1
            errors["missed"] += 1
            examples.append(f"{entry['article_id']}: missed {g['text'][:60]!r} ({g.get('speaker')})")
    return {
        "articles": len(gold["articles"]), "gold_quotes": tp + fn, "predicted": tp + fp,
        "precision": tp / max(tp + fp, 1), "recall": tp / max(tp + fn, 1),
        "speaker_accuracy": speaker_right / max(tp, 1),
        "attributed_accuracy": sum(ok for c, ok in confidences if c > 0) / max(sum(c > 0 for c, _ in confidences), 1),
        "errors": dict(errors), "examples": examples,
    }


# questions ---------------------------------------------------------------------------------------
def holds_words(text: str, words: list[str]) -> bool:
    """Every expected word (normalised) appears in the text."""
    return bool(words) and all(normalise(w) in normalise(text) for w in words)


def hit_at_k(answer: Answer, item: dict, k: int) -> bool:
    if item.get("refused"):
        return answer.refused
    words = item.get("expected_words") or []
    for c in answer.citations[:k]:
        if words and not holds_words(c.quote, words):
            continue
        if item.get("expected_speaker") and not _speaker_ok(c.speaker, item["expected_speaker"]):
            continue
        return True
    return False


def fragment_found(answer: Answer, load) -> bool:  # type: ignore[no-untyped-def]
    """Every citation link lands on its quote: text fragment words in the article, or a valid payload."""
    for c in answer.citations:
        article = load(c.article_id)
        if article is None:
            return False
        if "#:~:text=" in c.link:
            fragment = c.link.split("#:~:text=", 1)[1]
            parts = [unquote(p) for p in fragment.split(",")]
            if not all(normalise(p) in normalise(article.text) for p in parts):
                return False
        elif "start=" in c.link:
            parsed = parse_payload(c.link.split("start=", 1)[1])
            if not parsed or article.text[parsed[1]:parsed[2]] != c.quote:
                return False
        else:
            return False
    return True


def verified(answer: Answer, load) -> bool:  # type: ignore[no-untyped-def]
    texts = [a.text for a in (load(c.article_id) for c in answer.citations) if a]
    for m in _QUOTED.finditer(answer.answer):
        span = m.group(1) or m.group(2)
        if not any(verbatim_in(span, t) for t in texts):
            return False
    return all((a := load(c.article_id)) and a.text[c.start:c.end] == c.quote for c in answer.citations)


def question_scores(items: list[dict], settings: Settings, k: int) -> dict:
    from bot.services import build_services

    services = build_services(settings)
    load = services.retriever.article
    hits = speakers = speaker_total = fragments = refusal_right = verified_n = 0
    misses = []
    for item in items:
        answer = services.answerer.answer(item["question"])
        ok = hit_at_k(answer, item, k)
        hits += ok
        if not ok:
            misses.append(item["question"])
        refusal_right += answer.refused == bool(item.get("refused"))
        if item.get("expected_speaker") and not item.get("refused"):
            speaker_total += 1
            first = next((c for c in answer.citations if c.is_quote), None)
            speakers += bool(first and _speaker_ok(first.speaker, item["expected_speaker"]))
        fragments += fragment_found(answer, load)
        verified_n += verified(answer, load)
    n = max(len(items), 1)
    services.store.close()
    return {"questions": len(items), f"hit@{k}": hits / n, "speaker_accuracy": speakers / max(speaker_total, 1),
            "fragment_found": fragments / n, "refusal_accuracy": refusal_right / n,
            "verified_quote_rate": verified_n / n, "misses": misses}


def run_eval(settings: Settings, gold_path: str, *, k: int = 5, as_json: bool = False) -> int:
    path = Path(gold_path)
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise WhosaidError(f"cannot read gold file {gold_path}: {exc}") from exc
    if isinstance(gold, dict) and "articles" in gold:
        scores = quote_scores(gold, path.parent)
    elif isinstance(gold, list):
        scores = question_scores(gold, settings, k)
    else:
        raise WhosaidError("gold file must be a quote annotation ({\"articles\": ...}) or a list of questions")
    if as_json:
        print(json.dumps(scores, indent=1, ensure_ascii=False))
    else:
        for key, value in scores.items():
            if isinstance(value, float):
                print(f"{key:<22} {value:.3f}")
            elif isinstance(value, list):
                if value:
                    print(f"{key}:")
                    for v in value:
                        print(f"  - {v}")
            else:
                print(f"{key:<22} {value}")
    return 0



