#!/bin/sh
# Rebuilds the pca-* fixtures. Tools: PLINK v2.00a3.5 AVX2 (9 Aug 2022), Python 3.11 + numpy.
# pca-small.bed/.bim/.fam: 240 samples × 1,201 variants with LD and three populations, written by pca-small-gen.py.
# Expected values, from plink2 (its output files copied as they are):
#   pca-ref-w50.prune.in/.out   --indep-pairwise 50 5 0.2   (variant-count window; PLINK 1.x pruning order)
#   pca-ref-kb20.prune.in/.out  --indep-pairwise 20kb 0.1   (base-pair window; the 2 Mb gap splits chromosome 1)
#   pca-ref-exact.eigenvec/.eigenval       --extract pca-ref-w50.prune.in --pca 4            (missingness-corrected GRM)
#   pca-ref-meanimpute.eigenvec/.eigenval  --extract pca-ref-w50.prune.in --pca 4 meanimpute (X·Xᵀ/M)
#   pca-ref-approx.eigenvec/.eigenval      --extract pca-ref-w50.prune.in --pca 4 approx
set -e
python3 pca-small-gen.py
plink2 --bfile pca-small --indep-pairwise 50 5 0.2 --out pca-ref-w50 > /dev/null
plink2 --bfile pca-small --indep-pairwise 20kb 0.1 --out pca-ref-kb20 > /dev/null
plink2 --bfile pca-small --extract pca-ref-w50.prune.in --pca 4 --out pca-ref-exact > /dev/null
plink2 --bfile pca-small --extract pca-ref-w50.prune.in --pca 4 meanimpute --out pca-ref-meanimpute > /dev/null
plink2 --bfile pca-small --extract pca-ref-w50.prune.in --pca 4 approx --out pca-ref-approx > /dev/null 2>&1
rm -f pca-ref-*.log
