#!/bin/sh
# Rebuilds the recalibration fixtures: data (numpy 2.4), the model (riskkit train, an input here, not a
# reference), and R's glm fits on its linear predictor (recal-ref.tsv).
set -e
python3 recal-gen.py
riskkit train --data recal-train.csv --outcome y --id id \
  --description "synthetic recalibration fixture, not for clinical use" --out recal-model.json
python3 recal-coef.py
Rscript recal-ref.R > recal-ref.tsv
rm recal-coef.tsv
