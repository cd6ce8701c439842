#!/usr/bin/env bash
# Resident memory over a long training run: trains with ./inertia, samples the process's VmRSS twice a
# second, prints it at the end of every epoch, then the peak and the change from epoch 2 to the last.
#
#   bench/memory.sh                 # 20 epochs of the mlp workload's model on MNIST
#   bench/memory.sh 5 lenet5        # EPOCHS MODEL
#
# Memory is "flat" when the last epoch's RSS is within 5% of the middle epoch's: the first epochs still
# grow the heap (G1 sizes it to the allocation rate) and ND4J's workspaces to their working size, after
# which a leak would show as steady growth. Exit status 1 when it is not flat.
set -euo pipefail
epochs=${1:-20}
model=${2:-mlp}
here=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$here/inertia" train --model "$model" --epochs "$epochs" --no-progress --out "$out/run" 2> "$out/log" > /dev/null &
pid=$!
seen=0
peak=0
rss=0
declare -a at_epoch
while kill -0 "$pid" 2> /dev/null; do
    sample=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status" 2> /dev/null || true)
    if [ -n "$sample" ]; then
        rss=$sample
        [ "$rss" -gt "$peak" ] && peak=$rss
        done_epochs=$(grep -c "Trainer - epoch [0-9]*/$epochs:" "$out/log" || true)
        while [ "$seen" -lt "$done_epochs" ]; do
            seen=$((seen + 1))
            at_epoch[$seen]=$rss
            printf 'epoch %3d  RSS %6d MiB\n' "$seen" $((rss / 1024))
        done
    fi
    sleep 0.5
done
wait "$pid" || { echo "training failed:"; tail -5 "$out/log"; exit 2; }
# Epochs that ended after the last sample (the process exits soon after its last epoch): last sample.
done_epochs=$(grep -c "Trainer - epoch [0-9]*/$epochs:" "$out/log" || true)
while [ "$seen" -lt "$done_epochs" ]; do
    seen=$((seen + 1))
    at_epoch[$seen]=$rss
    printf 'epoch %3d  RSS %6d MiB (last sample before exit)\n' "$seen" $((rss / 1024))
done
printf 'peak RSS %d MiB\n' $((peak / 1024))
if [ "$seen" -ge 3 ]; then
    mid=$(( (seen + 1) / 2 ))
    first=${at_epoch[$mid]}
    last=${at_epoch[$seen]}
    change=$(( (last - first) * 1000 / first ))
    printf 'epoch 2 -> %d: %d -> %d MiB\n' "$seen" $((at_epoch[2] / 1024)) $((last / 1024))
    printf 'epoch %d -> %d: %d -> %d MiB (%+d.%d%%)\n' "$mid" "$seen" $((first / 1024)) $((last / 1024)) \
        $((change / 10)) $(( (change < 0 ? -change : change) % 10 ))
    if [ $(( change < 0 ? -change : change )) -gt 50 ]; then
        echo "NOT flat: more than 5% change in the second half of the run"
        exit 1
    fi
    echo "flat"
fi
