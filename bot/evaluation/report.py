"""Print evaluation figures: the PolNeAR attribution report."""

from __future__ import annotations

import json
import time
from pathlib import Path

from bot.errors import WhosaidError
from bot.evaluation import polnear


def run_polnear(root: Path, split: str, *, limit: int = 0, examples: int = 0, as_json: bool = False,
                referents: Path | None = None) -> int:
    from bot.quotes import MIN_CONFIDENCE, extract_quotes

    if not polnear.available(root):
        raise WhosaidError(f"PolNeAR is not at {root} (set POLNEAR_DIR to a checkout of networkdynamics/PolNeAR)")
    docs = polnear.load_split(root, split)
    if limit and limit < len(docs):
        # Evenly spread, not the first N: the split is sorted by outlet, and a prefix would be one outlet.
        docs = [docs[i * len(docs) // limit] for i in range(limit)]
    started = time.perf_counter()
    # Scored without the confidence threshold, so the coverage table shows what each threshold would keep;
    # the headline figures apply the product's threshold.
    scores = polnear.score(docs, lambda article: extract_quotes(article, min_confidence=0.0)[0],
                           examples=examples, min_confidence=MIN_CONFIDENCE,
                           referents=polnear.load_referents(referents, split) if referents else None)
    seconds = time.perf_counter() - started
    out = polnear.summary(scores)
    out["articles"], out["seconds_per_article"] = len(docs), seconds / max(len(docs), 1)
    if as_json:
        print(json.dumps(out, indent=1))
        return 0
    print(f"PolNeAR {split}: {len(docs)} articles, {seconds / max(len(docs), 1) * 1000:.0f} ms per article")
    q = out["quotes"]
    print(f"quotes (all)      P {q['all']['precision']:.3f}  R {q['all']['recall']:.3f}  F1 {q['all']['f1']:.3f}"
          f"  ({q['all']['gold']} gold)")
    for kind in ("direct", "partial"):
        print(f"quotes ({kind:<7})  R {q[kind]['recall']:.3f}  ({q[kind]['gold']} gold)")
    print("speaker, by the kind of source the annotators marked:")
    for kind, row in out["speaker"].items():
        print(f"  {kind:<12} accuracy {row['accuracy']:.3f}  precision {row['precision']:.3f}  "
              f"unattributed {row['unattributed']:.3f}  ({row['quotes']} quotes)")
    print(f"  unresolved gold (no name in the source's coreference chain): {out['unresolved_gold']}")
    if out["read"]:
        print("speaker where the source is a pronoun or description, against the referent a reader named:")
        for kind, row in out["read"].items():
            print(f"  {kind:<20} accuracy {row['accuracy']:.3f}  precision {row['precision']:.3f}  "
                  f"unattributed {row['unattributed']:.3f}  ({row['quotes']} quotes)")
        print(f"  sources the article never names: {out['read_unnamed']}")
    print("per outlet (all source kinds):")
    for outlet, row in out["outlets"].items():
        print(f"  {outlet:<12} accuracy {row['accuracy']:.3f}  precision {row['precision']:.3f}  ({row['quotes']})")
    print(f"accuracy of attributed quotes at each confidence threshold (threshold, coverage, accuracy; "
          f"the product keeps speakers at >= {MIN_CONFIDENCE}):")
    for kind, rows in out["coverage"].items():
        print(f"  {kind:<20} " + "  ".join(f"{t:.2f}: {c:.2f}/{a:.3f}" for t, c, a in rows))
    print("errors:", ", ".join(f"{k} {v}" for k, v in out["errors"].items()))
    for line in out["examples"]:
        print("  -", line)
    return 0
