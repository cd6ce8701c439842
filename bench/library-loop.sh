#!/usr/bin/env bash
# A library user's plain training loop (samples/ResidualMnist, built against the installed artifacts) run
# with plain `java -cp`, as a user runs it: no launcher, no scopes, no close().
#
#   bench/library-loop.sh memory          # 25 epochs of 150 batches (9,600 images), java -Xmx512m,
#                                         # System.gc() after each epoch (the library issue's protocol):
#                                         # RSS after every epoch; fails if epoch 5 -> 25 grows over 10%
#   bench/library-loop.sh memory-nogc     # the same without System.gc(): the JVM also touches its heap
#   bench/library-loop.sh speed [PAIRS]   # LeNet-5, 3 epochs: the library loop and `./inertia train
#                                         # --model lenet5` alternately (default 2 pairs); samples/s per epoch
#
# Needs `./mvnw -B install -DskipTests` first (the samples depend on the installed artifacts).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
mode=${1:-memory}
(cd "$here/samples" && "$here/mvnw" -B -q package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt)
cp="$here/samples/target/classes:$(cat "$here/samples/target/classpath.txt")"
case "$mode" in
    memory|memory-nogc)
        gc=true
        [ "$mode" = memory-nogc ] && gc=false
        java -Xmx512m -cp "$cp" org.inertia.samples.ResidualMnist --epochs 25 --batches 150 \
            --memory-from 5 --max-memory-growth 0.10 --gc-after-epoch "$gc" 2> /dev/null | grep -E '^epoch|^resident|^FAIL'
        ;;
    speed)
        pairs=${2:-2}
        out=$(mktemp -d)
        trap 'rm -rf "$out"' EXIT
        for i in $(seq "$pairs"); do
            echo "pair $i, library loop (java -cp):"
            java -cp "$cp" org.inertia.samples.ResidualMnist --model lenet5 --epochs 3 2> /dev/null \
                | grep -E '^epoch' | sed 's/, RSS.*//; s/^/  /'
            echo "pair $i, ./inertia train --model lenet5:"
            "$here/inertia" train --model lenet5 --epochs 3 --no-progress --out "$out/run$i" 2>&1 \
                | grep -E 'Trainer - epoch' | sed 's/.*Trainer - /  /'
        done
        ;;
    *)
        echo "usage: $0 memory | memory-nogc | speed [PAIRS]" >&2
        exit 2
        ;;
esac
