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
import time
from collections import Counter
from pathlib import Path
from urllib.parse import unquote

from bot.answering.verify import core, in_article, normalise, quoted_spans
from bot.config import Settings
from bot.errors import WhosaidError
from bot.models import Answer, Article
from bot.rendering.links import parse_local_link, parse_payload
from bot.speakers import name_key

ROOT = Path(__file__).resolve().parents[2]


def _speaker_ok(predicted: str | None, gold: str | list[str] | None) -> bool:  # noqa: D103
    options = gold if isinstance(gold, list) else [gold]
    return any(name_key(predicted) == name_key(o) for o in options)


# quotes ------------------------------------------------------------------------------------------
def _load_articles(gold: dict, base: Path) -> dict[str, Article]:
    from bot.ingest.sources import SourceReader, Unit, _item_from_record, article_from_text

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
    if answer.refused:
        return False
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
        elif (local := parse_local_link(c.link)) is not None:
            if article.text[local[0]:local[1]] != c.quote:
                return False
        elif "start=" in c.link:
            parsed = parse_payload(c.link.split("start=", 1)[1])
            if not parsed or article.text[parsed[1]:parsed[2]] != c.quote:
                return False
        else:
            return False
    return True


def verified(answer: Answer, load) -> bool:  # type: ignore[no-untyped-def]
    cited = [a for a in (load(c.article_id) for c in answer.citations) if a]
    if not all(any(in_article(span, a) for a in cited) for span in quoted_spans(answer.answer)):
        return False
    return all((a := load(c.article_id)) and a.text[c.start:c.end] == c.quote for c in answer.citations)


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def question_scores(items: list[dict], settings: Settings, k: int) -> dict:
    """hit@1 and hit@k on the answerable items, the share of cited quotes whose speaker answers the
    question (who / what-said items), refusal precision and recall, each per question type too.

    A follow-up item is asked after the question it `follows`, with that answer's context.
    """
    from bot.services import build_services

    services = build_services(settings)
    load = services.retriever.article
    per_type: dict[str, Counter[str]] = {}
    total: Counter[str] = Counter()
    misses: list[str] = []
    latencies: list[float] = []
    for item in items:
        kind = item.get("type") or ("refuse" if item.get("refused") else "who")
        context = None
        if item.get("follows"):
            first = services.answerer.answer(item["follows"])
            context = services.answerer.context_for(item["follows"], first)
        began = time.perf_counter()
        answer = services.answerer.answer(item["question"], context)
        latencies.append(time.perf_counter() - began)
        counts = per_type.setdefault(kind, Counter())
        gold_refused = bool(item.get("refused"))
        row: Counter[str] = Counter(n=1, refused=answer.refused, gold_refused=gold_refused,
                                    refused_right=answer.refused and gold_refused)
        if not gold_refused:
            row["answerable"] = 1
            row["hit1"] = hit_at_k(answer, item, 1)
            row["hitk"] = hit_at_k(answer, item, k)
            if not row["hitk"]:
                misses.append(f"[{kind}] {item['question']}")
            if item.get("expected_speaker") and kind in ("who", "what_said"):
                cited = [c for c in answer.citations if c.is_quote and c.speaker]
                row["cited"] = len(cited)
                row["cited_right"] = sum(_speaker_ok(c.speaker, item["expected_speaker"]) for c in cited)
        elif not answer.refused:
            misses.append(f"[{kind}] not refused: {item['question']}")
        row["fragment"] = fragment_found(answer, load)
        row["verified"] = verified(answer, load)
        counts.update(row)
        total.update(row)
    services.store.close()

    def summary(c: Counter[str]) -> dict:
        out: dict = {"questions": c["n"]}
        if c["answerable"]:
            out["hit@1"] = c["hit1"] / c["answerable"]
            out[f"hit@{k}"] = c["hitk"] / c["answerable"]
        if c["cited"]:
            out["cited_speaker_right"] = c["cited_right"] / c["cited"]
        if c["refused"]:
            out["refusal_precision"] = c["refused_right"] / c["refused"]
        if c["gold_refused"]:
            out["refusal_recall"] = c["refused_right"] / c["gold_refused"]
        return out

    scores = summary(total)
    scores.setdefault("refusal_precision", 1.0 if not total["refused"] else 0.0)
    scores["refusal_accuracy"] = (total["refused_right"] + (total["n"] - total["refused"] - total["gold_refused"]
                                                            + total["refused_right"])) / max(total["n"], 1)
    scores["fragment_found"] = total["fragment"] / max(total["n"], 1)
    scores["verified_quote_rate"] = total["verified"] / max(total["n"], 1)
    warm = latencies[1:] or latencies
    scores["latency_p50_ms"] = 1000 * _percentile(warm, 0.5)
    scores["latency_p95_ms"] = 1000 * _percentile(warm, 0.95)
    scores["per_type"] = {kind: summary(c) for kind, c in sorted(per_type.items())}
    scores["misses"] = misses
    return scores


def run_eval(settings: Settings, gold_path: str, *, k: int = 5, as_json: bool = False,
             show_misses: bool = True) -> int:
    """Score a gold file; `show_misses=False` for a held-out set (report it, never read its misses)."""
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
    if not show_misses:
        scores.pop("misses", None)
        scores.pop("examples", None)
    if as_json:
        print(json.dumps(scores, indent=1, ensure_ascii=False))
        return 0
    for key, value in scores.items():
        if isinstance(value, float):
            print(f"{key:<22} {value:.3f}")
        elif isinstance(value, list):
            if value:
                print(f"{key}:")
                for v in value:
                    print(f"  - {v}")
        elif isinstance(value, dict) and key == "per_type":
            print("per type:")
            for kind, figures in value.items():
                shown = ", ".join(f"{name} {v:.3f}" if isinstance(v, float) else f"{name} {v}"
                                  for name, v in figures.items())
                print(f"  {kind:<10} {shown}")
        else:
            print(f"{key:<22} {value}")
    return 0
