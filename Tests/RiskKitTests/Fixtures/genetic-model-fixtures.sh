#!/bin/sh
# Rebuilds the genetic-* fixtures and genetic-model-ref.tsv, the independent reference of
# `riskkit train --bfile --prs-weights`, `score --bfile` and `evaluate --bfile`.
# Data: two synthetic cohorts from `riskkit simulate` (same population, seeds 21 and 22; 15 causal SNPs of 300).
# Weights: the 15 true effects of true-model.json (genetic-weights.txt, ID A1 WEIGHT).
# Reference: PLINK v2.00a3.5 `--export A` decodes the dosages (it counts G; no call is missing), R 4.2.2 computes the
# score at full precision as dosages × weights, then glm() fits the models with and
# without it (trained on genetic-train) and pROC 1.18 roc.test(paired DeLong) on genetic-test (genetic-model-ref.R).
set -e
rk=${RISKKIT:-../../../.build/release/riskkit}
$rk simulate --individuals 800 --snps 300 --causal-snps 15 --genetic-sd 0.9 --seed 21 --genotypes plink --out gen-tmp-train
$rk simulate --individuals 700 --snps 300 --causal-snps 15 --genetic-sd 0.9 --seed 22 --genotypes plink --out gen-tmp-test
for part in train test; do
  for ext in bed bim fam csv; do cp gen-tmp-$part/cohort.$ext genetic-$part.$ext; done
done
python3 - <<'PY'
import json
truth = json.load(open("gen-tmp-train/true-model.json"))
with open("genetic-weights.txt", "w") as f:
    f.write("ID\tA1\tWEIGHT\n")
    for snp in truth["snps"]:
        if snp["effect"] != 0:
            f.write(f"{snp['id']}\tA\t{snp['effect']!r}\n")
PY
for part in train test; do
  plink2 --bfile genetic-$part --export A --out gen-tmp-$part > /dev/null
done
Rscript genetic-model-ref.R > genetic-model-ref.tsv
rm -rf gen-tmp-*
