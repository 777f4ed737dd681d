# convbook: the README's commands live here.
#   make run     install what is missing, build in release mode, open the REPL
#   make test    the same set-up, then every test
#   make bench   train the tutorial model and print the figures (KERAS_PYTHON=... adds Keras,
#                EPOCHS=N shortens, SEEDS=1,2 runs several seeds)
#   make fuzz    run every fuzz target for FUZZ_SECONDS seconds
#   make snapshots  rewrite the end-to-end transcripts after an intended output change

SWIFT ?= swift
FUZZ_SECONDS ?= 60
KERAS_PYTHON ?=
RELEASE_BIN = .build/release/convbook

.PHONY: all deps build run test snapshots bench fuzz format clean

all: build

deps:
	@sh tools/install-deps.sh

build: deps
	$(SWIFT) build -c release --product convbook

run: build
	@$(RELEASE_BIN) $(ARGS)

test: build
	CONVBOOK_BIN=$(CURDIR)/$(RELEASE_BIN) $(SWIFT) test --parallel

snapshots: build
	CONVBOOK_BIN=$(CURDIR)/$(RELEASE_BIN) UPDATE_SNAPSHOTS=1 $(SWIFT) test --filter TranscriptTests

bench: build
	@python3 tools/bench.py --convbook $(RELEASE_BIN) --keras-python "$(KERAS_PYTHON)" \
		$(if $(EPOCHS),--epochs $(EPOCHS)) $(if $(SEEDS),--seeds $(SEEDS))

fuzz: deps
	@sh tools/fuzz.sh $(FUZZ_SECONDS)

format:
	$(SWIFT) format --in-place --recursive Sources Tests

clean:
	rm -rf .build
