#!/bin/sh
# Rebuilds the xhap-* fixtures: chromosome X with haploid males. Tools: Python 3.11, PLINK v2.00a3.5 AVX2.
# plink2 refuses mean imputation under 50 samples without --bad-freqs.
set -e
python3 xhap-gen.py
plink2 --bfile xhap --freq --out xhap-ref > /dev/null
plink2 --bfile xhap --score xhap-weights.txt 1 2 3 header cols=+scoresums --bad-freqs --out xhap-ref > /dev/null
plink2 --bfile xhap --maf 0.42 --write-snplist --out xhap-ref-maf > /dev/null
rm -f xhap-ref*.log
