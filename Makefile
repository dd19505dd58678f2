# Two entry points matter: `make run` (set up, ingest the seed, start the bot) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test bench bench-scale lint clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	$(BIN)/python -m bot.embedding.onnx_export
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(BIN)/whosaid ingest seeds/
	$(BIN)/whosaid run

test: setup
	$(BIN)/python -m pytest -q -p no:cacheprovider

bench: setup
	$(BIN)/python bench/run.py

# Grows a scratch store to 50,000 synthesised articles (cheap hashed-word vectors); ~15-20 min on 2 cores.
bench-scale: setup
	$(BIN)/python bench/scale.py

lint: setup
	$(BIN)/ruff check bot tests bench

clean:
	rm -rf $(VENV) data build *.egg-info
