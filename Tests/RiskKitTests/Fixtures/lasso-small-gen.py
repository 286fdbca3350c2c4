# Writes the lasso-small fixture (Python 3.11, numpy 1.26): lasso-small.bed/.bim/.fam (PLINK 1, variant-major) and
# lasso-small.covar. 322 samples × 400 variants (81 bytes per variant: ten 64-bit words, one tail byte, two padding
# slots); the 22 samples with phenotype -9 are not fitted. Missing calls at rate 2% (variant 7: 30%), variant 100
# monomorphic, variant 200 without any call. The outcome follows a logistic model in 12 causal variants and the two
# covariates. See lasso-fixtures.sh.
import numpy as np
rng = np.random.default_rng(20260415)
N, M = 322, 400
maf = rng.uniform(0.05, 0.5, M)
geno = rng.binomial(2, maf, size=(N, M))          # A1 dosage
geno[:, 100] = 1                                   # monomorphic (all het)
age = rng.integers(30, 71, N).astype(float)
bmi = np.round(rng.normal(27, 4, N), 2)
causal = rng.choice([j for j in range(M) if j not in (100, 200)], 12, replace=False)
effect = rng.choice([-1, 1], 12) * rng.uniform(0.7, 1.3, 12)
eta = -2.4 + 0.04 * age + 0.05 * (bmi - 27) + (geno[:, causal] - 2 * maf[causal]) @ effect
y = (rng.random(N) < 1 / (1 + np.exp(-eta))).astype(int)
missing = rng.random((N, M)) < 0.02
missing[:, 7] = rng.random(N) < 0.30
missing[:, 100] = False
missing[:, 200] = True
pheno = np.where(y == 1, "2", "1").astype(object)
pheno[rng.choice(N, 22, replace=False)] = "-9"
# .bed: header, then per variant ceil(N/4) bytes; sample i in byte i//4 at bits 2(i%4); codes 00 hom A1, 01 missing,
# 10 het, 11 hom A2.
code = np.where(missing, 1, np.select([geno == 2, geno == 1], [0, 2], 3))
with open("lasso-small.bed", "wb") as f:
    f.write(bytes([0x6C, 0x1B, 0x01]))
    for j in range(M):
        padded = np.zeros(((N + 3) // 4) * 4, dtype=int)
        padded[:N] = code[:, j]
        quads = padded.reshape(-1, 4)
        f.write(bytes((quads[:, 0] | quads[:, 1] << 2 | quads[:, 2] << 4 | quads[:, 3] << 6).astype(np.uint8).tolist()))
with open("lasso-small.bim", "w") as f:
    for j in range(M):
        f.write(f"{1 + j // 200}\tls{j + 1}\t0\t{10000 + 1000 * j}\tA\tG\n")
with open("lasso-small.fam", "w") as f:
    for i in range(N):
        f.write(f"F{i + 1} I{i + 1} 0 0 {1 + i % 2} {pheno[i]}\n")
with open("lasso-small.covar", "w") as f:
    f.write("#FID IID AGE BMI\n")
    for i in range(N):
        f.write(f"F{i + 1} I{i + 1} {age[i]:g} {bmi[i]:.2f}\n")
