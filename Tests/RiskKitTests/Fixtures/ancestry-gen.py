# Writes the ancestry-* fixtures (Python 3.11.2, numpy 2.4.6); run from this folder: `python3 ancestry-gen.py`.
# ancestry-ref.bed/.bim/.fam: 200 samples from 5 populations (sizes 60/50/40/30/20, Balding–Nichols allele
#   frequencies with F_ST 0.03/0.06/0.10/0.14/0.20 around a common p ~ U(0.05, 0.95)) × 1,000 variants, 2 % missing
#   calls; variants 100, 400 and 700 are monomorphic (every call hom A1, hom A2, hom A1), variant 900 has no calls.
# ancestry-target.bed/.bim/.fam: 30 samples (5 per reference population plus 5 from a sixth population whose
#   frequencies move 4 times as far from p as population 5's, outside the reference PC cloud) typed on 960 of the
#   reference variants (the first 40 absent) in shuffled order, plus 20 extra variants; 100 shared variants have
#   A1/A2 swapped, 10 have other alleles (strand or typing mismatch: treated as absent); 3 % missing calls.
# ancestry-scores.tsv: a raw polygenic score per sample (IID, SCORE) whose mean and spread depend on the population
#   (reference population k: mean 0.3·k, sd 0.5 + 0.15·k; the far population: mean 1, sd 1.2), so both Z_norm1 and
#   Z_norm2 have something to remove.
# The bed files are written here directly (variant-major mode 0x01); ancestry-ref-numpy.py reads them back with its
# own decoder and computes the expected values.
import numpy as np
rng = np.random.default_rng(20261126)
N, M = 200, 1000
sizes = [60, 50, 40, 30, 20]
fst = [0.03, 0.06, 0.10, 0.14, 0.20]
p0 = rng.uniform(0.05, 0.95, M)
pop_p = []
for f in fst:
    pop_p.append(rng.beta(p0 * (1 - f) / f, (1 - p0) * (1 - f) / f))
pop_p.append(np.clip(p0 + 4 * (pop_p[4] - p0), 0.01, 0.99))    # far population: population 5's drift × 4
ref = np.vstack([rng.binomial(2, pop_p[k], (s, M)) for k, s in enumerate(sizes)]).astype(float)
ref[:, 100] = 2; ref[:, 400] = 0; ref[:, 700] = 2
ref[rng.random((N, M)) < 0.02] = np.nan
ref[:, 900] = np.nan
pop = np.repeat(np.arange(5), sizes)

NT = 30
tgt_full = np.vstack([rng.binomial(2, pop_p[k], (5, M)) for k in range(6)]).astype(float)
bases = "ACGT"
alleles = []
for j in range(M):
    a, b = rng.choice(4, 2, replace=False)
    alleles.append((bases[a], bases[b]))

def write_bed(path, geno_cols):          # geno_cols: list of per-variant arrays of A1 dosage (nan = missing)
    n = len(geno_cols[0])
    with open(path, "wb") as f:
        f.write(bytes([0x6c, 0x1b, 0x01]))
        for g in geno_cols:
            codes = np.where(np.isnan(g), 1, np.where(g == 2, 0, np.where(g == 1, 2, 3))).astype(int)
            codes = np.concatenate([codes, np.zeros((-n) % 4, dtype=int)])
            packed = codes[0::4] | (codes[1::4] << 2) | (codes[2::4] << 4) | (codes[3::4] << 6)
            f.write(bytes(packed.astype(np.uint8)))

with open("ancestry-ref.fam", "w") as f:
    for i in range(N):
        f.write(f"POP{pop[i] + 1} R{i + 1} 0 0 {1 + i % 2} -9\n")
with open("ancestry-ref.bim", "w") as f:
    for j in range(M):
        f.write(f"{1 + j // 500}\tanc{j + 1}\t0\t{10000 + 1000 * j}\t{alleles[j][0]}\t{alleles[j][1]}\n")
write_bed("ancestry-ref.bed", [ref[:, j] for j in range(M)])

# Target: variants 40..999 shared (shuffled), 20 extra; swaps and mismatches among the shared ones.
shared = rng.permutation(np.arange(40, M))
swapped = set(rng.choice(shared, 100, replace=False).tolist())
mismatched = set(rng.choice([j for j in shared if j not in swapped], 10, replace=False).tolist())
tgt = tgt_full.copy()
tgt[rng.random((NT, M)) < 0.03] = np.nan
cols, bim = [], []
for j in shared:
    a1, a2 = alleles[j]
    g = tgt[:, j]
    if j in swapped:
        a1, a2, g = a2, a1, 2 - g
    elif j in mismatched:
        other = [c for c in bases if c not in (a1, a2)]
        a1, a2 = other[0], other[1]
    cols.append(g)
    bim.append(f"{1 + j // 500}\tanc{j + 1}\t0\t{10000 + 1000 * j}\t{a1}\t{a2}")
for e in range(20):
    cols.append(rng.binomial(2, 0.3, NT).astype(float))
    bim.append(f"3\textra{e + 1}\t0\t{5000 + 100 * e}\tA\tG")
with open("ancestry-target.fam", "w") as f:
    for i in range(NT):
        f.write(f"T{i // 5 + 1} T{i + 1} 0 0 {1 + i % 2} -9\n")
with open("ancestry-target.bim", "w") as f:
    f.write("\n".join(bim) + "\n")
write_bed("ancestry-target.bed", cols)

mean = [0.0, 0.3, 0.6, 0.9, 1.2, 1.0]
sd = [0.5, 0.65, 0.8, 0.95, 1.1, 1.2]
with open("ancestry-scores.tsv", "w") as f:
    f.write("IID\tSCORE\n")
    for i in range(N):
        f.write(f"R{i + 1}\t{rng.normal(mean[pop[i]], sd[pop[i]]):.6f}\n")
    for i in range(NT):
        f.write(f"T{i + 1}\t{rng.normal(mean[i // 5], sd[i // 5]):.6f}\n")
