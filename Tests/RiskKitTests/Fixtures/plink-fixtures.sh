#!/bin/sh
# Rebuilds the plink-* fixtures. Tools: PLINK v2.00a3.5 AVX2 (9 Aug 2022), Python 3.11 + numpy.
# plink-tiny.bed/.bim/.fam: 23 samples (2 non-founders, S3 ~50 % missing) × 37 variants on chromosome 1,
# written by plink-tiny-gen.py as .ped/.map and converted by plink2.
set -e
python3 plink-tiny-gen.py
plink2 --pedmap plink-src --make-bed --out plink-tiny
plink2 --bfile plink-tiny --freq --missing --hardy --out plink-tiny-ref
plink2 --bfile plink-tiny --export A --out plink-tiny-ref          # .raw counts REF (= .bim A2) copies
run() { name=$1; shift
  plink2 --bfile plink-tiny "$@" --write-samples --write-snplist --out "tmp-$name" > /dev/null
  printf '%s\t%s\t%s\t%s\n' "$name" "$*" \
    "$(grep -v '^#' "tmp-$name.id" | cut -f2 | paste -sd, -)" "$(paste -sd, - < "tmp-$name.snplist")"
}
{
  run maf --maf 0.05
  run maf-nonfounders --maf 0.05 --nonfounders
  run geno --geno 0.1
  run geno-edge --geno 0.08695652173913043
  run mind --mind 0.2
  run hwe --hwe 1e-3
  run hwe05 --hwe 0.05
  run hwe05-midp --hwe 0.05 midp
  run keep --keep plink-keep.txt
  run remove-iid --remove plink-remove.txt
  run remove-fid --remove plink-remove-fid.txt
  run extract --extract plink-extract.txt
  run exclude --exclude plink-exclude.txt
  run all --keep plink-keep.txt --remove plink-remove.txt --extract plink-extract.txt \
      --exclude plink-exclude.txt --mind 0.2 --geno 0.2 --hwe 1e-2 --maf 0.05
} > plink-tiny-filters.tsv
rm -f tmp-* plink-src.* plink-tiny.log plink-tiny-ref.log
