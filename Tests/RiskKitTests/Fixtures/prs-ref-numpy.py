"""Full-precision reference for `riskkit prs score` on the plink-tiny fixture: writes prs-ref-numpy.tsv.

Run from Tests/RiskKitTests/Fixtures with Python 3.11.7 and numpy 2.4.6:

    python3 prs-ref-numpy.py

Independent of riskkit and of plink2's arithmetic: the .bed is decoded here with numpy (and checked against
plink2's `--export A` dosages in plink-tiny-ref.raw), and the scores are summed exactly with fractions.Fraction
from the weights as parsed to doubles, then printed with 17 significant digits. The semantics are plink2
v2.00a3.5's `--score FILE 1 2 3 header cols=+scoresums` (as documented, and as the existing tests check):

- a weight is used when its variant ID is among the selected variants and its allele is that variant's A1 (ALT)
  or A2 (REF); the named allele's dosage is the count of that allele;
- a sample's called genotypes add 2 to ALLELE_CT, the dosage to NAMED_ALLELE_DOSAGE_SUM and weight x dosage to
  SCORE_SUM; a missing call adds nothing to the first two;
- with mean imputation a missing call adds weight x 2 x f to SCORE_SUM, f = the named allele's frequency among the
  selected founders (both parental IDs 0) with a call (f of A1 taken as 0 when none has one), and
  SCORE_AVG = SCORE_SUM / (2 x scored variants); with no-mean-imputation SCORE_AVG = SCORE_SUM / ALLELE_CT (nan
  when 0).

One-time check, done on every run: each case agrees with plink2's .sscore (printed to 6 significant digits) within
one unit of the 6th digit, and ALLELE_CT and NAMED_ALLELE_DOSAGE_SUM agree exactly; the script fails otherwise.
The .sscore files came from the plink2 commands in Tests/RiskKitTests/PolygenicScore/PolygenicScoreTests.swift.
"""
from fractions import Fraction
import math

import numpy as np

fam = [line.split() for line in open("plink-tiny.fam") if line.strip()]
bim = [line.split() for line in open("plink-tiny.bim") if line.strip()]
N, M = len(fam), len(bim)

# Decode the variant-major .bed: 2 bits per sample, low bits first; 00 hom A1, 01 missing, 10 het, 11 hom A2.
raw = np.fromfile("plink-tiny.bed", dtype=np.uint8)
assert list(raw[:3]) == [0x6C, 0x1B, 0x01]
per = (N + 3) // 4
packed = raw[3:].reshape(M, per)
codes = np.stack([(packed >> (2 * k)) & 3 for k in range(4)], axis=2).reshape(M, 4 * per)[:, :N].T  # N x M
a1_dosage = np.choose(codes, [2, -1, 1, 0])  # -1 = missing

# Cross-check the decoding with plink2 --export A (counts of REF = .bim A2, NA when missing).
export = [line.rstrip("\n").split("\t") for line in open("plink-tiny-ref.raw")]
a2_export = np.array([[-1 if x == "NA" else int(x) for x in row[6:]] for row in export[1:]])
assert np.array_equal(np.where(a1_dosage < 0, -1, 2 - a1_dosage), a2_export)


def ids(path, columns):
    rows = [line.split() for line in open(path) if line.strip() and not line.startswith("#")]
    if columns == 2:
        return {(r[0], r[1]) for r in rows}
    return {x for r in rows for x in r}


def score(weights_file, mean_imputation, keep=None, extract=None):
    samples = [i for i, f in enumerate(fam) if keep is None or (f[0], f[1]) in keep]
    variants = {b[1]: j for j, b in enumerate(bim) if extract is None or b[1] in extract}
    founders = [i for i in samples if fam[i][2] == "0" and fam[i][3] == "0"]
    lines = [line.split() for line in open(weights_file) if line.strip()][1:]
    used = []  # (variant index, counts A1, weight)
    for vid, allele, weight in lines:
        j = variants.get(vid)
        if j is None or allele not in (bim[j][4], bim[j][5]):
            continue
        used.append((j, allele == bim[j][4], Fraction(float(weight))))
    rows = []
    for i in samples:
        allele_ct, named, total = 0, 0, Fraction(0)
        for j, counts_a1, w in used:
            d = int(a1_dosage[i, j])
            if d >= 0:
                dose = d if counts_a1 else 2 - d
                allele_ct += 2
                named += dose
                total += w * dose
            elif mean_imputation:
                called = [int(a1_dosage[k, j]) for k in founders if a1_dosage[k, j] >= 0]
                f_a1 = Fraction(sum(called), 2 * len(called)) if called else Fraction(0)
                f = f_a1 if counts_a1 else 1 - f_a1
                total += w * 2 * f
        denominator = 2 * len(used) if mean_imputation else allele_ct
        average = total / denominator if denominator else None
        rows.append((fam[i][1], allele_ct, named, average, total))
    return rows


def g17(x):
    return "nan" if x is None else f"{float(x):.17g}"


def close(ours, printed):
    """Within one unit of the 6th significant digit of plink2's printed value."""
    if printed == "nan":
        return ours is None
    b = float(printed)
    if b == 0:
        return abs(float(ours)) < 1e-12
    return abs(float(ours) - b) <= 10 ** (math.floor(math.log10(abs(b))) - 5) * (1 + 1e-9)


keep = ids("plink-keep.txt", 2)
extract = ids("plink-extract.txt", 1)
cases = [
    ("ref", "prs-weights.txt", True, None, None, "prs-ref.sscore"),
    ("nomean", "prs-weights.txt", False, None, None, "prs-ref-nomean.sscore"),
    ("keep", "prs-weights.txt", True, keep, None, "prs-ref-keep.sscore"),
    ("extract-nomean", "prs-weights.txt", False, None, extract, "prs-ref-extract-nomean.sscore"),
    ("missing", "prs-weights-missing.txt", True, None, None, "prs-ref-missing.sscore"),
    ("missing-nomean", "prs-weights-missing.txt", False, None, None, "prs-ref-missing-nomean.sscore"),
]
out = ["#CASE\tIID\tALLELE_CT\tNAMED_ALLELE_DOSAGE_SUM\tSCORE_AVG\tSCORE_SUM"]
for name, weights, mean, keep_set, extract_set, sscore in cases:
    rows = score(weights, mean, keep_set, extract_set)
    plink = [line.rstrip("\n").split("\t") for line in open(sscore)][1:]
    assert len(rows) == len(plink), name
    for (iid, allele_ct, named, average, total), p in zip(rows, plink):
        assert iid == p[1] and allele_ct == int(p[3]) and named == float(p[4]), (name, iid)
        assert close(average, p[5]) and close(total, p[6]), (name, iid, g17(average), p[5], g17(total), p[6])
        out.append(f"{name}\t{iid}\t{allele_ct}\t{named}\t{g17(average)}\t{g17(total)}")
open("prs-ref-numpy.tsv", "w").write("\n".join(out) + "\n")
