# Full-precision reference for gwas-ref-fam: statsmodels 0.15.0 Logit (Newton, tol 1e-14; covariance at the final
# estimate) per variant, .fam phenotype, covariates AGE SEX PC1 PC2 as given, samples with a missing genotype,
# phenotype or covariate dropped. A1 is read from plink2's output; plink2 --export A counts the allele named in the
# .raw column suffix. Python 3.11, pandas 2, numpy 1.26.
import numpy as np, pandas as pd, statsmodels.api as sm
raw = pd.read_csv("gwas-tmp.raw", sep=r"\s+")
cov = pd.read_csv("gwas-small.covar", sep=r"\s+", na_values=["NA"])
cov.columns = ["FID", "IID", "cAGE", "cSEX", "cPC1", "cPC2"]
ref = pd.read_csv("gwas-ref-fam.glm", sep="\t", dtype=str)
d = raw.merge(cov, on=["FID", "IID"])
print("ID\tOBS_CT\tBETA\tSE\tZ_STAT\tP")
for _, r in ref.iterrows():
    if r["ERRCODE"] != "." or r["FIRTH?"] == "Y":
        continue
    col = next(c for c in d.columns if c.startswith(r["ID"] + "_"))
    g = d[col] if col.split("_")[-1] == r["A1"] else 2 - d[col]
    frame = pd.DataFrame({"g": g, "cAGE": d.cAGE, "cSEX": d.cSEX, "cPC1": d.cPC1, "cPC2": d.cPC2, "y": d.PHENOTYPE - 1}).dropna()
    fit = sm.Logit(frame.y, sm.add_constant(frame[["g", "cAGE", "cSEX", "cPC1", "cPC2"]].astype(float))).fit(
        method="newton", tol=1e-14, maxiter=100, disp=0)
    print(f"{r['ID']}\t{len(frame)}\t{fit.params['g']:.17g}\t{fit.bse['g']:.17g}\t{fit.tvalues['g']:.17g}\t{fit.pvalues['g']:.17g}")
