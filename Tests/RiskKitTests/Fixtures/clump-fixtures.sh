#!/bin/sh
# Rebuilds the clump-* fixtures. Tools: PLINK v1.90b6.26 64-bit (2 Apr 2022) as plink1.9, Python 3.11 + numpy.
# clump-small.bed/.bim/.fam: 320 samples (300 founders, 20 non-founders) × 96 variants on chromosomes 1–2, written
# by clump-small-gen.py as .ped/.map; clump-small.assoc holds SNP and P (some tied, two equal to 1);
# clump-ties.assoc gives every variant p = 1e-05, so the index order is decided by the tie rule alone.
# Reference clumps (.clumped, PLINK's SNP and SP2 columns are compared):
#   clump-ref-issue:  --clump-r2 0.1 --clump-kb 250 --clump-p1 1 --clump-p2 1   (RiskKit's defaults)
#   clump-ref-plink:  no thresholds given: PLINK 1.9's defaults r² 0.5, 250 kb, p1 1e-4, p2 0.01
#   clump-ref-narrow: --clump-r2 0.2 --clump-kb 100 --clump-p1 0.001 --clump-p2 0.05
#   clump-ref-ties:   clump-ties.assoc with --clump-r2 0.1
# clump-ref-rsq.tsv: index, member and PLINK's printed RSQ (3 decimals) from --clump-verbose with the issue settings.
set -e
python3 clump-small-gen.py
plink1.9 --file clump-src --make-bed --out clump-small > /dev/null
awk 'NR == 1 {print "SNP P"; next} {print $2, "1e-05"}' clump-small.assoc > clump-ties.assoc
plink1.9 --bfile clump-small --clump clump-small.assoc --clump-r2 0.1 --clump-kb 250 --clump-p1 1 --clump-p2 1 --out clump-ref-issue > /dev/null
plink1.9 --bfile clump-small --clump clump-small.assoc --out clump-ref-plink > /dev/null
plink1.9 --bfile clump-small --clump clump-small.assoc --clump-r2 0.2 --clump-kb 100 --clump-p1 0.001 --clump-p2 0.05 --out clump-ref-narrow > /dev/null
plink1.9 --bfile clump-small --clump clump-ties.assoc --clump-r2 0.1 --out clump-ref-ties > /dev/null
plink1.9 --bfile clump-small --clump clump-small.assoc --clump-r2 0.1 --clump-kb 250 --clump-p1 1 --clump-p2 1 --clump-verbose --out clump-tmp > /dev/null
# verbose report: a 12-column header row starts each clump (SNP in column 3); member rows have 6 fields (SNP KB RSQ ALLELES F P)
awk 'NF >= 11 && $3 ~ /^rs/ {index_snp = $3} NF == 6 && $1 ~ /^rs/ {print index_snp "\t" $1 "\t" $3}' clump-tmp.clumped > clump-ref-rsq.tsv
rm -f clump-src.* clump-tmp.* clump-small.log clump-small.nosex clump-ref-*.log clump-ref-*.nosex
