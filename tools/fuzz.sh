#!/bin/sh
# make fuzz: builds every fuzz target (Fuzz/*) with libFuzzer's coverage instrumentation and
# AddressSanitizer, runs each for FUZZ_SECONDS seconds on a copy of its committed seed corpus,
# prints how many inputs each executed, and fails on any crash, leak report or timeout.
set -eu
seconds=${1:-60}
scratch=.build-fuzz
runtime=$(ls "$(dirname "$(command -v swift)")"/../lib/clang/*/lib/linux/libclang_rt.fuzzer_no_main-*.a 2>/dev/null | head -n 1)
if [ -z "$runtime" ]; then
    echo "fuzz: libFuzzer's runtime (libclang_rt.fuzzer_no_main) is not in this Swift toolchain" >&2
    exit 1
fi
targets=${FUZZ_TARGETS:-"fuzz-commands fuzz-idx fuzz-safetensors fuzz-lessons fuzz-models"}
for target in $targets; do
    swift build --product "$target" --scratch-path "$scratch" \
        -Xswiftc -DFUZZING -Xswiftc -sanitize=address \
        -Xswiftc -sanitize-coverage=edge,indirect-calls,trace-cmp,inline-8bit-counters,pc-table \
        -Xlinker "$runtime" -Xlinker -lstdc++ 2>&1 | grep -v 'warning: ' | tail -n 1
done
status=0
mkdir -p fuzz-out
for target in $targets; do
    directory=$(echo "$target" | sed 's/^fuzz-//')
    seeds=$(ls -d Fuzz/*/ | grep -i "/$directory/" | head -n 1)corpus
    work=fuzz-out/$target
    mkdir -p "$work/corpus" "$work/crashes"
    log=$work/log.txt
    if "$scratch/debug/$target" "$work/corpus" "$seeds" -max_total_time="$seconds" -timeout=10 \
        -rss_limit_mb=2048 -malloc_limit_mb=1024 -max_len=65536 -artifact_prefix="$work/crashes/" -print_final_stats=1 >"$log" 2>&1; then
        result=ok
    else
        result=FAILED
        status=1
    fi
    runs=$(grep -o 'Done [0-9]* runs' "$log" | grep -o '[0-9]*' || echo "?")
    printf '%-18s %-6s %10s executions in %ss   (log: %s)\n' "$target" "$result" "$runs" "$seconds" "$log"
    [ "$result" = ok ] || grep -m 3 -E 'ERROR|SUMMARY|deadly|timeout' "$log" || true
done
exit $status
