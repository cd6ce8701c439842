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
