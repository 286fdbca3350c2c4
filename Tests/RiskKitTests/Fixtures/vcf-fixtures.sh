#!/bin/sh
# Rebuilds the vcf-* fixtures. Tools: Python 3.11, PLINK v2.00a3.5 AVX2 (9 Aug 2022), bgzip (htslib 1.16, Debian
# package tabix). vcf-htslib.vcf is /usr/share/htslib-test/test/tabix/vcf_file.vcf (Debian htslib-test) without its
# last record (305 ALT alleles, more than plink2 accepts).
# The reference conversions are plink2 --vcf … --make-bed with multi-allelic records left out (--max-alleles 2,
# RiskKit's rule) and half calls read as missing (--vcf-half-call missing; plink2 and RiskKit refuse them by default).
set -e
python3 vcf-small-gen.py
bgzip -c vcf-small.vcf > vcf-small.vcf.gz
gzip -n -c vcf-small.vcf > vcf-small-gzip.vcf.gz
grep -v '^4	3258501' /usr/share/htslib-test/test/tabix/vcf_file.vcf > vcf-htslib.vcf
for f in vcf-small vcf-htslib; do
    plink2 --vcf $f.vcf --max-alleles 2 --vcf-half-call missing --make-bed --out $f-ref > /dev/null
done
plink2 --vcf vcf-small.vcf --max-alleles 2 --vcf-half-call haploid --make-bed --out vcf-small-haploid-ref > /dev/null
plink2 --vcf vcf-small.vcf --max-alleles 2 --vcf-half-call missing --score vcf-small-weights.txt 1 2 3 header \
    cols=+scoresums --bad-freqs --out vcf-small-ref > /dev/null
plink2 --vcf vcf-small.vcf --max-alleles 2 --vcf-half-call missing --freq --out vcf-small-ref > /dev/null
rm -f vcf-*-ref.log
# The genetic-model cohorts as VCF (train/score/evaluate --vcf equal --bfile on them).
for part in train test; do
    plink2 --bfile genetic-$part --export vcf bgz id-paste=iid --out genetic-$part > /dev/null
    rm -f genetic-$part.log
done
