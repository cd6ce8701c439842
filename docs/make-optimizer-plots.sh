#!/usr/bin/env bash
# Regenerates the trajectory pictures in docs/img used by docs/optimizers.md.
# Run from the repository root after building the jar (./mvnw -B -q package -DskipTests).
set -euo pipefail
trace() { java -jar examples/target/inertia.jar trace "$@" > /dev/null; }
out=docs/img

# The ill-conditioned valley 0.5x² + 25y² (condition number 50) from (4, -2).
trace --function quadratic --start 4,-2 --optimizer sgd,momentum,nesterov --lr 0.025 --momentum 0.9 --steps 100 \
      --plot $out/quadratic-momentum.png
trace --function quadratic --start 4,-2 --optimizer rmsprop,adam,adamw --lr 0.1 --steps 150 \
      --plot $out/quadratic-adaptive-lr.png
# Why momentum works: the loss per step on the valley, and a sweep of β at Polyak's step 4/(√50 + 1)².
trace --function quadratic --start 4,-2 --optimizer sgd,momentum,nesterov --lr 0.025 --momentum 0.9 --steps 100 \
      --loss-plot $out/quadratic-momentum-loss.png
trace --function quadratic --start 4,-2 --optimizer sgd --lr 0.0392 --steps 200 --loss-plot $out/quadratic-sgd-best-loss.png
trace --function quadratic --start 4,-2 --optimizer momentum --lr 0.0614 --sweep momentum=0.566,0.7,0.8,0.9 \
      --steps 100 --loss-plot $out/quadratic-beta-sweep-loss.png
for mode in none restart consistency; do
  trace --function quadratic --start 4,-2 --optimizer momentum,nesterov --lr 0.025 --momentum 0.9 --steps 100 \
        --adaptive $mode --plot $out/quadratic-adaptive-$mode.png
done

# Rosenbrock's curved valley from (-1.5, 2).
trace --function rosenbrock --start -1.5,2 --optimizer sgd,momentum,nesterov --lr 0.0008 --momentum 0.9 --steps 1500 \
      --plot $out/rosenbrock-momentum.png
trace --function rosenbrock --start -1.5,2 --optimizer rmsprop,adam,adamw --lr 0.02 --steps 1500 \
      --plot $out/rosenbrock-adaptive-lr.png
for mode in none restart consistency; do
  trace --function rosenbrock --start -1.5,2 --optimizer momentum,nesterov --lr 0.0008 --momentum 0.95 --steps 1500 \
        --adaptive $mode --plot $out/rosenbrock-adaptive-$mode.png
done
