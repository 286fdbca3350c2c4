#!/bin/sh
# Rebuilds prs-build-ref.tsv, the independent reference of `riskkit prs build --method ct` on gwas-small.
# Tools: PLINK v1.90b6.26 (plink1.9, Debian), PLINK v2.00a3.5 AVX2 (9 Aug 2022), R 4.2.2 with pROC 1.18.
# 1. plink1.9 clumps the plink2 --glm results (gwas-ref-fam.glm) over all 400 samples (all are founders);
# 2. for each p-value threshold plink2 scores the 200 validation samples (even .fam lines) with the index variants
#    at or below it (mean imputation from the validation samples' frequencies);
#    prs-build-ref.sscore keeps the scores of the threshold 1 (all 45 index variants);
# 3. R fits y ~ covariates and y ~ covariates + scale(score) with glm() and computes the Nagelkerke R² difference,
#    the odds ratio per SD, its Wald p-value and the AUC of the score (pROC).
set -e
awk 'NR%2==0{print $1, $2}' gwas-small.fam > prs-build-validate.txt
plink1.9 --bfile gwas-small --clump gwas-ref-fam.glm --clump-snp-field ID --clump-field P --clump-p1 1 \
  --clump-p2 1 --clump-r2 0.1 --clump-kb 250 --out prs-tmp > /dev/null
awk 'NR>1 && NF>0{print $3}' prs-tmp.clumped > prs-tmp.index
for t in 5e-8 1e-5 1e-3 0.01 0.05 0.1 0.5 1; do
  awk -v t="$t" 'NR==FNR{index_[$1]=1; next} FNR==1{print "ID\tA1\tBETA"; next}
    ($3 in index_) && $14!="NA" && $14+0<=t+0 {print $3"\t"$6"\t"$11}' prs-tmp.index gwas-ref-fam.glm > prs-tmp-$t.weights
  if [ "$(wc -l < prs-tmp-$t.weights)" -gt 1 ]; then
    plink2 --bfile gwas-small --keep prs-build-validate.txt --score prs-tmp-$t.weights 1 2 3 header cols=+scoresums \
      --out prs-tmp-$t > /dev/null
  fi
done
Rscript prs-build-ref.R > prs-build-ref.tsv
mv prs-tmp-1.sscore prs-build-ref.sscore
rm -f prs-tmp*
