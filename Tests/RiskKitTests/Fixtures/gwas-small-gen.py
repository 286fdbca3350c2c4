# Writes the gwas-small fixture as .ped/.map + pheno/covar files (Python 3.11, numpy 1.26); see gwas-fixtures.sh.
import numpy as np
rng = np.random.default_rng(20261125)
N, M = 400, 48
bases = "ACGT"
age = rng.integers(35, 76, N).astype(float)
sex = rng.integers(0, 2, N)
pc1, pc2 = rng.normal(0, 0.02, N), rng.normal(0, 0.02, N)
geno = np.zeros((N, M), dtype=int)  # copies of allele a (written first in the .ped pair)
for j in range(M):
    p = [0.45, 0.3, 0.15, 0.08, 0.6, 0.25][j % 6]
    geno[:, j] = rng.binomial(2, p, N)
geno[:, 40] = 0; geno[rng.choice(N, 6, replace=False), 40] = 1   # rare: carriers placed in cases below
geno[:, 41] = 1                                                   # monomorphic het... constant genotype
geno[:, 42] = 0                                                   # monomorphic
geno[:, 43] = 2 * sex                                             # collinear with SEX
geno[:, 44] = np.where(rng.random(N) < 0.5, 0, 1)                 # a = 1 - het only
eta = -3.2 + 0.04 * age + 0.5 * sex + 20 * pc1 + 0.6 * geno[:, 0] - 0.5 * geno[:, 1] + 0.8 * geno[:, 2]
y = (rng.random(N) < 1 / (1 + np.exp(-eta))).astype(int)
carriers = np.flatnonzero(geno[:, 40])
cases = np.flatnonzero(y == 1)
geno[:, 40] = 0; geno[rng.choice(cases, 6, replace=False), 40] = 1   # rare variant only in cases -> Firth
miss = rng.random((N, M)) < 0.03
miss[:, 41:44] = False
g = np.where(miss, -1, geno)
with open("gwas-src.ped", "w") as f:
    for i in range(N):
        toks = [f"F{i//4+1}", f"P{i+1}", "0", "0", str(1 if sex[i] else 2), str(2 if y[i] else 1)]
        for j in range(M):
            a, b = bases[j % 4], bases[(j + 1 + j // 4) % 4]
            if a == b: b = bases[(j + 2) % 4]
            x = g[i, j]
            toks += ["0", "0"] if x < 0 else ([a, a] if x == 2 else ([a, b] if x == 1 else [b, b]))
        f.write(" ".join(toks) + "\n")
open("gwas-src.map", "w").write("".join(f"{1 + j // 24}\trs{2000 + j}\t0\t{50000 + 911 * j}\n" for j in range(M)))
# Phenotype file: DIS1 is the .fam phenotype with 7 values set missing; DIS2 is a second trait (1/2 coding).
dis1 = np.where(y == 1, 2, 1).astype(object); dis1[rng.choice(N, 7, replace=False)] = "-9"
eta2 = -1.0 + 0.7 * geno[:, 3] + 0.02 * (age - 55)
dis2 = np.where(rng.random(N) < 1 / (1 + np.exp(-eta2)), 2, 1).astype(object); dis2[rng.choice(N, 5, replace=False)] = "NA"
with open("gwas-small.pheno", "w") as f:
    f.write("#FID\tIID\tDIS1\tDIS2\n")
    for i in range(N): f.write(f"F{i//4+1}\tP{i+1}\t{dis1[i]}\t{dis2[i]}\n")
cov = [[f"{age[i]:g}", str(sex[i]), f"{pc1[i]:.6f}", f"{pc2[i]:.6f}"] for i in range(N)]
for i in rng.choice(N, 6, replace=False): cov[i][rng.integers(0, 4)] = "NA"
with open("gwas-small.covar", "w") as f:
    f.write("#FID IID AGE SEX PC1 PC2\n")
    for i in range(N): f.write(f"F{i//4+1} P{i+1} " + " ".join(cov[i]) + "\n")
