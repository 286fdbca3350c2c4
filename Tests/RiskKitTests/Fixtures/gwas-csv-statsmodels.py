# rs2044 in the gwas-small.csv configuration (status ~ A1 dosage + age + sex + site), where plink2's single-precision
# SE is 0.46 % off: statsmodels 0.15.0 Logit (Newton, tol 1e-14), sex and site as indicators (sex=M, site=north,
# site=south), samples with a missing value dropped. Needs `plink2 --bfile gwas-small --snp rs2044 --export A
# --out gwas-tmp` first (its column counts REF G; A1 is A, so β changes sign).
# Output: 377 -0.15693854320411865 0.2257761715282663
import pandas as pd, statsmodels.api as sm
d = pd.read_csv("gwas-tmp.raw", sep=r"\s+").merge(pd.read_csv("gwas-small.csv"), left_on="IID", right_on="id")
known = lambda c: d[c].notna()
f = pd.DataFrame({"g": 2 - d["rs2044_G"], "age": d.age, "sexM": (d.sex == "M").astype(float).where(known("sex")),
                  "north": (d.site == "north").astype(float).where(known("site")),
                  "south": (d.site == "south").astype(float).where(known("site")), "y": d.status}).dropna()
fit = sm.Logit(f.y, sm.add_constant(f[["g", "age", "sexM", "north", "south"]])).fit(method="newton", tol=1e-14,
                                                                                 maxiter=100, disp=0)
print(len(f), repr(fit.params["g"]), repr(fit.bse["g"]))
