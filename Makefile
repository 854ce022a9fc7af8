# SPDX-License-Identifier: GPL-3.0-or-later
# The two commands of the README: `make run` and `make test`. Everything a
# fresh Debian 12 machine needs is installed from build-aux/debian-packages.txt.

BUILDDIR ?= _build
SANITIZE_BUILDDIR ?= _build-sanitize
VALGRIND_BUILDDIR ?= _build-valgrind
MESON_OPTIONS ?=
SAMPLE_PROJECT = data-samples/binh-duong.pvproj
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build run test test-sanitize valgrind bench samples clean

all: build

# Installs the Debian packages that are missing (apt-get as root, sudo otherwise),
# then generates the vi_VN.UTF-8 locale the Vietnamese UI and its tests need.
deps:
	@missing=$$(grep -v '^\s*#' build-aux/debian-packages.txt | grep -v '^\s*$$' | \
	  while read -r pkg; do \
	    dpkg-query -W -f='$${Status}\n' "$$pkg" 2>/dev/null | grep -q '^install ok installed' || echo "$$pkg"; \
	  done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing missing packages:" $$missing; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@locale -a 2>/dev/null | grep -qiE '^vi_VN\.utf-?8$$' || { \
	  echo "Generating the vi_VN.UTF-8 locale"; \
	  $(SUDO) localedef -i vi_VN -c -f UTF-8 vi_VN.UTF-8; \
	}

$(BUILDDIR)/build.ninja:
	meson setup $(BUILDDIR) $(MESON_OPTIONS)

build: deps $(BUILDDIR)/build.ninja
	meson compile -C $(BUILDDIR)

run: build
	$(BUILDDIR)/app/gui/planviewer $(SAMPLE_PROJECT)

# Every suite, the GUI ones in a real X server (Xvfb). Ends with "N passed, N failed".
test: build
	@sh build-aux/run-tests.sh $(BUILDDIR)

# The libFuzzer harnesses of tests/fuzz (clang, ASan + UBSan, in a build
# directory of their own), each for FUZZ_SECONDS (default 60), with libFuzzer's
# seed FUZZ_SEED (default: a new one each run); prints the executions per
# harness, fails on a crash, leak, UB or timeout.
.PHONY: fuzz
FUZZ_BUILDDIR ?= _build-fuzz
FUZZ_SECONDS ?= 60
fuzz: deps
	@[ -f $(FUZZ_BUILDDIR)/build.ninja ] || CC=clang CFLAGS=-fsanitize=fuzzer-no-link \
	  meson setup $(FUZZ_BUILDDIR) -Dgui=false -Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false
	meson compile -C $(FUZZ_BUILDDIR) fuzz-encoding fuzz-layer fuzz-project fuzz-qml
	@FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_SEED=$(FUZZ_SEED) sh tests/fuzz/run-fuzz.sh $(FUZZ_BUILDDIR)

# The suites built with AddressSanitizer + UndefinedBehaviorSanitizer in a
# build directory of their own; any report fails. Ends with "N passed, N failed".
test-sanitize: deps
	@sh build-aux/run-sanitize.sh $(SANITIZE_BUILDDIR)

# The core and CLI suites under valgrind memcheck (slow: not run by .ci/run).
valgrind: deps
	@sh build-aux/run-valgrind.sh $(VALGRIND_BUILDDIR)

bench: build
	@sh tests/bench/run-bench.sh $(BUILDDIR)

# Regenerates the committed sample data (deterministic).
samples: build
	$(BUILDDIR)/data-samples/pv-generate-samples --output data-samples

clean:
	rm -rf $(BUILDDIR) $(SANITIZE_BUILDDIR) $(VALGRIND_BUILDDIR)
