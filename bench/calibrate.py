"""Calibrate the offline answerer's refusal thresholds on a labelled question set (the dev gold only).

    WHOSAID_DATA_DIR=data .venv/bin/python bench/calibrate.py tests/gold/questions_dev.json

Retrieval does not depend on the thresholds, so each question is retrieved once (memoised) and composed
again for every MIN_RELEVANCE; the value with the best sum of hit@1 and refusal F1 is printed.
Never run this on the held-out gold.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot import offline  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.evaluation.questions import hit_at_k  # noqa: E402
from bot.services import build_services  # noqa: E402


def main(path: str) -> None:
    items = json.loads(Path(path).read_text(encoding="utf-8"))
    if "heldout" in path:
        raise SystemExit("calibrate on the dev gold only")
    services = build_services(Settings())
    answerer = services.answerer
    search, cache = services.retriever.search, {}

    def memo_search(query, k=8, info=None):  # type: ignore[no-untyped-def]
        key = (query, tuple(sorted(info.speaker_keys)) if info else (), info.topic if info else "")
        if key not in cache:
            cache[key] = search(query, k=k, info=info)
        return cache[key]

    services.retriever.search = memo_search  # type: ignore[method-assign]
    prepared = []
    for item in items:
        context = None
        if item.get("follows"):
            context = answerer.context_for(item["follows"], answerer.answer(item["follows"]))
        prepared.append((item, context))
    results = []
    for support in (0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0, 1.05, 1.1, 1.15, 1.2):
        for dense in (offline.MIN_DENSE,):
            offline.MIN_RELEVANCE = support
            hits = refused_right = refused = gold_refused = answerable = 0
            for item, context in prepared:
                answer = answerer.answer(item["question"], context)
                if item.get("refused"):
                    gold_refused += 1
                    refused_right += answer.refused
                else:
                    answerable += 1
                    hits += hit_at_k(answer, item, 1)
                refused += answer.refused
            precision = refused_right / max(refused, 1)
            recall = refused_right / max(gold_refused, 1)
            f1 = 2 * precision * recall / max(precision + recall, 1e-9)
            results.append((hits / answerable + f1, support, dense, hits / answerable, precision, recall))
            print(f"MIN_RELEVANCE {support:.2f}: hit@1 {hits / answerable:.3f} "
                  f"refusal P {precision:.3f} R {recall:.3f}", flush=True)
    best = max(results)
    print(f"best: MIN_RELEVANCE={best[1]} (hit@1 {best[3]:.3f}, P {best[4]:.3f}, R {best[5]:.3f})")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "tests/gold/questions_dev.json")
