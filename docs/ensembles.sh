#!/usr/bin/env bash
# Regenerates the ensemble tables of docs/model.md with the native CLI.
# Each row: value, runs, censored, mean, median, 95% interval of the mean,
# share converged to the coordinators' roadmap. About a minute on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --release --bin lockstep
L=target/release/lockstep
sweep() { echo; echo "### $1"; echo '```'; shift; "$L" sweep "$@" --summary; echo '```'; }

ER60='"network":{"kind":"erdosRenyi","meanDegree":8}'
PP60='"network":{"kind":"plantedPartition","groups":4,"meanDegree":8,"betweenShare":0.03}'

sweep "Mirollo-Strogatz: complete graph, 50 firms, one pulse per event, b = 3" \
  --json '{"firms":50,"mode":"reactive","onePulsePerEvent":true,"network":{"kind":"complete"}}' \
  --param eps --values 0.02,0.05,0.1 --seeds 20 --cap 300
sweep "Mirollo-Strogatz: dissipation b at eps 0.1 (b <= 0 is linear or convex)" \
  --json '{"firms":50,"mode":"reactive","onePulsePerEvent":true,"eps":0.1,"network":{"kind":"complete"}}' \
  --param dissipation --values 3,1,0,-1 --seeds 20 --cap 300
sweep "Finding 1: density (reactive, Erdos-Renyi, 100 firms)" \
  --json '{"firms":100,"mode":"reactive","network":{"kind":"erdosRenyi"}}' \
  --param network.meanDegree --values 4,10,20 --seeds 40 --cap 300
sweep "Finding 2: clustering (reactive, planted partition, 100 firms, 5 groups, mean degree 10)" \
  --json '{"firms":100,"mode":"reactive","network":{"kind":"plantedPartition","groups":5,"meanDegree":10}}' \
  --param network.betweenShare --values 0.02,0.05,0.2,0.5 --seeds 40 --cap 300
sweep "Finding 2 contrast: lattice locality (reactive, Watts-Strogatz, 100 firms, degree 10; rewire 0 = ring lattice)" \
  --json '{"firms":100,"mode":"reactive","network":{"kind":"wattsStrogatz","degree":10}}' \
  --param network.rewire --values 0,0.1,1 --seeds 40 --cap 300
for mode in reactive planned hybrid; do
  sweep "Modes at the defaults ($mode), dense: Erdos-Renyi, 60 firms, mean degree 8" \
    --json "{\"mode\":\"$mode\",$ER60}" --param coordinators --values 5 --seeds 80 --cap 300
  sweep "Modes at the defaults ($mode), clustered: planted partition, 4 groups, 3% between" \
    --json "{\"mode\":\"$mode\",$PP60}" --param coordinators --values 5 --seeds 80 --cap 300
done
sweep "Hybrid: responsiveness rho (eps_signal 0.5, two hops, dense)" \
  --json "{$ER60}" --param responsiveness --values 0,0.02,0.1,0.25,1 --seeds 80 --cap 300
sweep "Hybrid: signal strength eps_signal (rho 0, two hops, dense)" \
  --json "{$ER60}" --param epsSignal --values 0.1,0.3,0.5,1 --seeds 80 --cap 300
for reach in partners twoHops all; do
  sweep "Hybrid: reach = $reach (rho 0, eps_signal 0.5), dense" \
    --json "{\"reach\":\"$reach\",$ER60}" --param coordinators --values 3,5 --seeds 80 --cap 300
  sweep "Hybrid: reach = $reach (rho 0, eps_signal 0.5), clustered" \
    --json "{\"reach\":\"$reach\",$PP60}" --param coordinators --values 3,5 --seeds 80 --cap 300
done
sweep "Hybrid: partner pulse eps (rho 0, eps_signal 0.5, two hops, dense)" \
  --json "{$ER60}" --param eps --values 0.02,0.05,0.1 --seeds 80 --cap 300
sweep "Finding 5: density and convergence (hybrid defaults)" \
  --json "{$ER60}" --param network.meanDegree --values 3,5,8,16 --seeds 80 --cap 300
sweep "Finding 5: tie strength (hybrid defaults, arm's-length w = 0.5)" \
  --json "{$ER60}" --param intenseShare --values 1,0.5,0.2 --seeds 80 --cap 300
sweep "Finding 5: clustering (hybrid defaults, planted partition)" \
  --json "{$PP60}" --param network.betweenShare --values 0.03,0.1,0.3,0.75 --seeds 80 --cap 300
