# Writes the clump-small fixture as .ped/.map plus an association file (Python 3.11, numpy); see clump-fixtures.sh.
# 320 samples (300 founders, 20 non-founders whose parents are in the file) × 96 variants on chromosomes 1 and 2,
# in LD blocks made by copying a few ancestral haplotypes with per-site flips (so r² spans 0…1), 2 % missing calls.
import numpy as np
rng = np.random.default_rng(20261125)
N, NF = 320, 300
chrom_sizes = [56, 40]
haps = []      # per variant: 2N alleles (0/1)
pos = []
chroms = []
for c, m in enumerate(chrom_sizes, start=1):
    bp = 100000
    j = 0
    while j < m:
        size = min(int(rng.integers(4, 12)), m - j)
        anc = rng.integers(0, 2, (3, size))                   # 3 ancestral haplotypes for the block
        weights = rng.dirichlet(np.ones(3))
        pick = rng.choice(3, 2 * N, p=weights)
        flip = rng.random((2 * N, size)) < rng.uniform(0.0, 0.12, size)
        block = anc[pick] ^ flip
        for k in range(size):
            haps.append(block[:, k])
            pos.append(bp)
            chroms.append(c)
            bp += int(rng.integers(5000, 60000))
        bp += int(rng.integers(50000, 300000))
        j += size
H = np.array(haps).T                                          # 2N × M
M = H.shape[1]
geno = H[0::2] + H[1::2]                                      # copies of allele 1 per sample
miss = rng.random((N, M)) < 0.02
bases = "ACGT"
with open("clump-src.ped", "w") as f:
    for i in range(N):
        if i < NF:
            fid, iid, pat, mat = f"F{i+1}", f"P{i+1}", "0", "0"
        else:                                                 # child of founders 2k, 2k+1 (same family ID)
            k = i - NF
            fid, iid, pat, mat = f"F{2*k+1}", f"C{k+1}", f"P{2*k+1}", f"P{2*k+2}"
        toks = [fid, iid, pat, mat, str(1 + i % 2), "-9"]
        for j in range(M):
            a, b = bases[j % 4], bases[(j + 1) % 4]
            if miss[i, j]:
                toks += ["0", "0"]
            else:
                g = geno[i, j]
                toks += [a, a] if g == 2 else ([a, b] if g == 1 else [b, b])
        f.write(" ".join(toks) + "\n")
with open("clump-src.map", "w") as f:
    for j in range(M):
        f.write(f"{chroms[j]} rs{3001 + j} 0 {pos[j]}\n")
# Association p-values: log-uniform over 1e-9…1, with deliberate ties (equal p for pairs in and across blocks).
p = 10 ** -rng.uniform(0, 9, M)
for a, b in [(3, 5), (10, 2), (20, 30), (61, 60), (70, 75), (40, 88)]:
    p[a] = p[b]
p[[15, 50]] = 1.0                                             # p = 1: an index under p1 = 1, never a member (p < p2)
order = rng.permutation(M)                                    # file order differs from .bim order
with open("clump-small.assoc", "w") as f:
    f.write("CHR SNP BP P\n")
    for j in order:
        f.write(f"{chroms[j]} rs{3001 + j} {pos[j]} {p[j]:.6g}\n")
