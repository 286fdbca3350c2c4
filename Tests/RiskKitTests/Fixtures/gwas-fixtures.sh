#!/bin/sh
# Rebuilds the gwas-* fixtures. Tools: PLINK v2.00a3.5 AVX2 (9 Aug 2022), Python 3.11 + numpy, pandas, statsmodels 0.15.0.
# gwas-small.bed/.bim/.fam: 400 samples × 48 variants (chromosomes 1–2), written by gwas-small-gen.py as .ped/.map
# and converted by plink2; rs2004 and rs2010 then get their minor allele as REF
# (--ref-allele force), so that A1 is REF there.
set -e
python3 gwas-small-gen.py
plink2 --pedmap gwas-src --make-bed --out gwas-tmp > /dev/null
awk '$2=="rs2004"||$2=="rs2010"{print $2, $5}' gwas-tmp.bim > gwas-tmp.ref
plink2 --bfile gwas-tmp --ref-allele force gwas-tmp.ref 2 1 --make-bed --out gwas-small > /dev/null
# plink2 refuses these covariate scales without --covar-variance-standardize; the genotype's BETA and SE do not
# depend on affine transformations of the covariates.
cols="cols=chrom,pos,ref,alt,a1freq,firth,test,nobs,beta,se,tz,p,err"
std="--covar-variance-standardize"
plink2 --bfile gwas-small --covar gwas-small.covar --glm hide-covar $cols $std --out gwas-ref-fam > /dev/null
plink2 --bfile gwas-small --pheno gwas-small.pheno --pheno-name DIS2 --covar gwas-small.covar --covar-name AGE,PC1 \
  --glm hide-covar $cols $std --out gwas-ref-dis2 > /dev/null
plink2 --bfile gwas-small --covar gwas-small.covar --glm hide-covar omit-ref $cols $std --out gwas-ref-omitref > /dev/null
plink2 --bfile gwas-small --glm hide-covar allow-no-covars $cols --out gwas-ref-nocovar > /dev/null
# gwas-x: the same genotypes with chromosome 2 renamed X; plink2 adds .fam sex as a covariate there (--xchr-model 2).
cp gwas-small.bed gwas-x.bed; cp gwas-small.fam gwas-x.fam
awk 'BEGIN{OFS="\t"} $1==2{$1="X"} {print}' gwas-small.bim > gwas-x.bim
plink2 --bfile gwas-x --covar gwas-small.covar --covar-name AGE,PC1,PC2 --glm hide-covar $cols $std \
  --out gwas-ref-x > /dev/null
# gwas-small.csv / gwas-small-cat.covar: covariates with text columns (sex M/F, site), which plink2 reads as categorical.
python3 gwas-csv-gen.py
plink2 --bfile gwas-small --pheno gwas-small.pheno --pheno-name DIS2 --covar gwas-small-cat.covar --glm hide-covar \
  $cols $std --out gwas-ref-cat > /dev/null
for f in gwas-ref-*.glm.logistic.hybrid; do mv "$f" "${f%%.*}.glm"; done
plink2 --bfile gwas-small --export A --out gwas-tmp > /dev/null
python3 gwas-statsmodels.py > gwas-ref-fam-statsmodels.tsv
rm -f gwas-src.* gwas-tmp.* gwas-small.log gwas-ref-*.log
