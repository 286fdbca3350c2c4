import numpy as np
rng = np.random.default_rng(20240611)
N, M = 23, 37
bases = "ACGT"
fam = []
for i in range(N):
    fid = f"F{i//3+1}"
    iid = f"S{i+1}"
    pat, mat = "0", "0"
    if i == 5: pat, mat = "S4", "S5"      # non-founder (parents in data)
    if i == 8: pat, mat = "X99", "0"     # parent id not in data
    sex = [1, 2, 0][i % 3]
    pheno = [1, 2, -9, 0][i % 4] if i % 5 else [1, 2][i % 2]
    fam.append((fid, iid, pat, mat, sex, pheno))
geno = np.zeros((N, M), dtype=int)  # count of allele "a"
rows = []
mapl = []
for j in range(M):
    a, b = rng.choice(4, 2, replace=False)
    p = [0.5, 0.3, 0.1, 0.05, 0.02][j % 5]
    g = rng.binomial(2, p, N)
    miss = rng.random(N) < (0.08 if j % 4 else 0.25)
    if j == 7: g[:] = 1                       # all het: HWE excess
    if j == 11: g[:] = 0; g[:3] = 2          # hom only: HWE deficit
    if j == 13: g[:] = 2                     # monomorphic
    if j == 17: miss[:] = True; miss[-1] = False  # almost all missing
    geno[:, j] = np.where(miss, -1, g)
    mapl.append(f"1\trs{1000+j}\t0\t{10000+137*j}")
    rows.append((bases[a], bases[b]))
# sample 3 very missing
geno[2, rng.random(M) < 0.5] = -1
with open("plink-src.ped", "w") as f:
    for i in range(N):
        toks = list(map(str, fam[i]))
        for j in range(M):
            a, b = rows[j]
            g = geno[i, j]
            toks += ["0", "0"] if g < 0 else ([a, a] if g == 2 else ([a, b] if g == 1 else [b, b]))
        f.write(" ".join(toks) + "\n")
open("plink-src.map", "w").write("\n".join(mapl) + "\n")
