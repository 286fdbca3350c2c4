# Writes pca-small.bed/.bim/.fam (Python 3.11, numpy); run from this folder: `python3 pca-small-gen.py`.
# 240 samples from 3 populations (100/80/60; Balding–Nichols frequencies with F_ST 0.10/0.20/0.30 around a common
# p ~ U(0.05, 0.95)) × 1,201 variants: chromosome 1 (700 variants, a 2 Mb gap after variant 200), chromosome 2
# (500 variants) and chromosome 3 (one variant). LD: each haplotype copies the previous variant's allele with
# probability 0.5 (else draws from its population's frequency), so neighbouring variants are correlated and the
# correlation decays with distance. 1 % missing calls. Variant 50 is monomorphic (every call hom A1), variant 120
# has only heterozygous calls (plink2 prunes it as having no homozygote spread), variant 260 has no calls.
# FIDs are the population names; samples 7 and 8 have the father/mother of sample 1 set (non-founders).
import numpy as np
rng = np.random.default_rng(20261203)
sizes = [100, 80, 60]
fst = [0.10, 0.20, 0.30]
chrom_sizes = [700, 500, 1]
M = sum(chrom_sizes)
N = sum(sizes)
p0 = rng.uniform(0.05, 0.95, M)
pop_p = [rng.beta(p0 * (1 - f) / f, (1 - p0) * (1 - f) / f) for f in fst]
pop = np.repeat(np.arange(3), sizes)
starts = np.cumsum([0] + chrom_sizes)

def haplotypes():
    h = np.zeros((N, M))
    for c in range(len(chrom_sizes)):
        lo, hi = starts[c], starts[c + 1]
        for j in range(lo, hi):
            fresh = np.array([rng.random() < pop_p[pop[i]][j] for i in range(N)], dtype=float)
            if j == lo:
                h[:, j] = fresh
            else:
                copy = rng.random(N) < 0.5
                h[:, j] = np.where(copy, h[:, j - 1], fresh)
    return h

g = haplotypes() + haplotypes()
g[:, 50] = 2
g[:, 120] = 1
g[rng.random((N, M)) < 0.01] = np.nan
g[:, 260] = np.nan

with open("pca-small.fam", "w") as f:
    for i in range(N):
        father, mother = ("S1", "S2") if i in (6, 7) else ("0", "0")
        f.write(f"POP{pop[i] + 1} S{i + 1} {father} {mother} {1 + i % 2} -9\n")
bases = "ACGT"
with open("pca-small.bim", "w") as f:
    for c in range(len(chrom_sizes)):
        pos = 10000
        for j in range(starts[c], starts[c + 1]):
            a, b = rng.choice(4, 2, replace=False)
            f.write(f"{c + 1}\tv{j + 1}\t0\t{pos}\t{bases[a]}\t{bases[b]}\n")
            pos += int(rng.integers(500, 5000)) + (2_000_000 if j - starts[c] == 199 and c == 0 else 0)
with open("pca-small.bed", "wb") as f:
    f.write(bytes([0x6c, 0x1b, 0x01]))
    for j in range(M):
        col = g[:, j]
        codes = np.where(np.isnan(col), 1, np.where(col == 2, 0, np.where(col == 1, 2, 3))).astype(int)
        codes = np.concatenate([codes, np.zeros((-N) % 4, dtype=int)])
        packed = codes[0::4] | (codes[1::4] << 2) | (codes[2::4] << 4) | (codes[3::4] << 6)
        f.write(bytes(packed.astype(np.uint8)))
