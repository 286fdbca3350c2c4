# Writes xhap.bed/.bim/.fam (40 samples, alternately male and female; 3 autosomal and 3 chromosome-X variants,
# about 5% missing calls, heterozygous males kept on X) and xhap-weights.txt. See xhap-fixtures.sh.
import random
random.seed(3)
n, m = 40, 6
genotypes = []  # per sample: per variant (allele, allele) or None
with open("xhap.fam", "w") as fam:
    for i in range(n):
        sex = 1 if i % 2 == 0 else 2
        fam.write(f"F{i} I{i} 0 0 {sex} {1 + (i % 3 == 0)}\n")
        row = []
        for j in range(m):
            r = random.random()
            row.append(None if r < 0.05 else ("A", "A") if r < 0.4 else ("A", "G") if r < 0.7 else ("G", "G"))
        genotypes.append(row)
with open("xhap.bim", "w") as bim:
    for j in range(m):
        bim.write(f"{'X' if j >= 3 else '1'}\tv{j}\t0\t{1000 * (j + 1)}\tA\tG\n")
out = bytearray([0x6C, 0x1B, 0x01])
for j in range(m):
    codes = []
    for i in range(n):
        g = genotypes[i][j]
        codes.append(1 if g is None else {2: 0, 1: 2, 0: 3}[(g[0] == "A") + (g[1] == "A")])
    for k in range(0, n, 4):
        out.append(sum(c << (2 * t) for t, c in enumerate(codes[k:k + 4])))
open("xhap.bed", "wb").write(bytes(out))
with open("xhap-weights.txt", "w") as f:
    f.write("ID\tA1\tW\n")
    for j in range(m):
        f.write(f"v{j}\tA\t{0.1 * (j + 1):.1f}\n")
