# Expected values for the ancestry tests (Python 3.11.2, numpy 2.4.6, scipy 1.17.1, statsmodels 0.15.0); run from
# this folder after ancestry-gen.py: `python3 ancestry-ref-numpy.py`. Reads the .bed/.bim/.fam with its own decoder.
# Writes:
#   ancestry-ref-pca.tsv         per variant used: ID, A1, A1 frequency, loadings V1..V4 (EXACT thin SVD of the
#                                standardized matrix, numpy.linalg.svd; each column's largest-|v| entry made positive)
#   ancestry-ref-pcs.tsv         reference samples' PC scores X·V (IID, PC1..PC4)
#   ancestry-target-pcs.tsv      target samples projected: matched by ID and allele pair, dosage flipped when A1/A2
#                                are swapped, missing/absent/mismatched → reference mean (0 after standardizing)
#   ancestry-ref-adjust.tsv      per target sample: Z_norm1, Z_norm2 (full likelihood), Z_norm2 two-step (gamma GLM),
#                                squared Mahalanobis distance on PC1..4 and its chi²(4) upper-tail p-value, the raw
#                                score's percentile on the 1001 reference quantiles (np.quantile, linear; np.interp)
#                                and 100·Φ(Z_norm2) (scipy.stats.norm.cdf)
# and prints the singular values, eigenvalues s²/M, regression coefficients (pasted into AncestryPCATests.swift and
# AncestryAdjustmentTests.swift).
import numpy as np, scipy, statsmodels.api as sm
from scipy import optimize, stats

def read_fileset(prefix):
    fam = [l.split() for l in open(prefix + ".fam")]
    bim = [l.split() for l in open(prefix + ".bim")]
    n = len(fam)
    raw = np.fromfile(prefix + ".bed", dtype=np.uint8)[3:].reshape(len(bim), (n + 3) // 4)
    codes = np.stack([(raw >> (2 * k)) & 3 for k in range(4)], axis=2).reshape(len(bim), -1)[:, :n]
    dosage = np.choose(codes, [2.0, np.nan, 1.0, 0.0]).T          # samples × variants, A1 dosage
    return [r[1] for r in fam], bim, dosage

K = 4
ref_ids, ref_bim, G = read_fileset("ancestry-ref")
N, M = G.shape
p = np.nanmean(G, axis=0) / 2
keep = np.isfinite(p) & (p > 0) & (p < 1)
print("variants used", keep.sum(), "excluded", M - keep.sum())
X = (G[:, keep] - 2 * p[keep]) / np.sqrt(2 * p[keep] * (1 - p[keep]))
X[np.isnan(X)] = 0
U, s, Vt = np.linalg.svd(X, full_matrices=False)
V = Vt[:K].T
for k in range(K):
    if V[np.argmax(np.abs(V[:, k])), k] < 0:
        V[:, k] *= -1
Mused = keep.sum()
print("singular values", [float(v) for v in s[:K]])
print("eigenvalues s^2/M", [float(v) for v in s[:K] ** 2 / Mused])
print("next singular value", s[K])
used = np.flatnonzero(keep)
with open("ancestry-ref-pca.tsv", "w") as f:
    f.write("ID\tA1\tA1_FREQ\tV1\tV2\tV3\tV4\n")
    for r, j in enumerate(used):
        f.write(f"{ref_bim[j][1]}\t{ref_bim[j][4]}\t{p[j]:.17g}\t" + "\t".join(f"{v:.17g}" for v in V[r]) + "\n")
ref_pcs = X @ V
with open("ancestry-ref-pcs.tsv", "w") as f:
    f.write("IID\tPC1\tPC2\tPC3\tPC4\n")
    for i in range(N):
        f.write(ref_ids[i] + "\t" + "\t".join(f"{v:.17g}" for v in ref_pcs[i]) + "\n")

tgt_ids, tgt_bim, T = read_fileset("ancestry-target")
where = {r[1]: (c, r[4], r[5]) for c, r in enumerate(tgt_bim)}
XT = np.zeros((len(tgt_ids), Mused))
absent = 0
for r, j in enumerate(used):
    vid, a1, a2 = ref_bim[j][1], ref_bim[j][4], ref_bim[j][5]
    if vid not in where:
        absent += 1; continue
    c, b1, b2 = where[vid]
    if (b1, b2) == (a1, a2):
        g = T[:, c]
    elif (b1, b2) == (a2, a1):
        g = 2 - T[:, c]
    else:
        absent += 1; continue
    x = (g - 2 * p[j]) / np.sqrt(2 * p[j] * (1 - p[j]))
    XT[:, r] = np.where(np.isnan(x), 0, x)
print("target: used variants absent or mismatched", absent)
tgt_pcs = XT @ V
with open("ancestry-target-pcs.tsv", "w") as f:
    f.write("IID\tPC1\tPC2\tPC3\tPC4\n")
    for i in range(len(tgt_ids)):
        f.write(tgt_ids[i] + "\t" + "\t".join(f"{v:.17g}" for v in tgt_pcs[i]) + "\n")

# Score adjustment as pgsc_calc's pgs_adjust (pygscatalog pgscatalog.calc/lib/_ancestry/tools.py): PCs standardized by
# the reference mean and sd (ddof 0), score centred by the reference mean; Z_norm1 = OLS residual / sd(ddof 0) of the
# reference residuals; two-step Z_norm2 = residual / sqrt(gamma-GLM(log link) prediction of the squared (centred)
# residuals); full Z_norm2 = (score − Xβ)/sqrt(exp(Xγ)) with (β, γ) maximizing the normal likelihood, started from
# the OLS and gamma fits (own objective and gradient; BFGS, then scipy.optimize.root on the gradient to polish).
scores = {l.split()[0]: float(l.split()[1]) for l in list(open("ancestry-scores.tsv"))[1:]}
y_ref = np.array([scores[i] for i in ref_ids]); y_tgt = np.array([scores[i] for i in tgt_ids])
pc_mean = ref_pcs.mean(0); pc_sd = ref_pcs.std(0)
Zr = sm.add_constant((ref_pcs - pc_mean) / pc_sd); Zt = sm.add_constant((tgt_pcs - pc_mean) / pc_sd, has_constant="add")
offset = y_ref.mean()
yr, yt = y_ref - offset, y_tgt - offset
ols = sm.OLS(yr, Zr).fit()
resid = yr - Zr @ ols.params
resid_sd = resid.std()
gamma = sm.GLM((resid - resid.mean()) ** 2, Zr, family=sm.families.Gamma(link=sm.families.links.Log())).fit(tol=1e-15, maxiter=500)
print("score offset", float(offset), "PC means", pc_mean.tolist(), "PC sds", pc_sd.tolist())
print("OLS", ols.params.tolist(), "resid sd", float(resid_sd))
print("gamma GLM", gamma.params.tolist(), "iterations", gamma.fit_history["iteration"])

def nll(t):
    b, g = t[:K + 1], t[K + 1:]
    v = np.exp(Zr @ g)
    return np.sum(0.5 * np.log(v) + 0.5 * (yr - Zr @ b) ** 2 / v)
def grad(t):
    b, g = t[:K + 1], t[K + 1:]
    v = np.exp(Zr @ g); e = yr - Zr @ b
    return np.concatenate([-Zr.T @ (e / v), Zr.T @ (0.5 - 0.5 * e ** 2 / v)])
start = np.concatenate([ols.params, gamma.params])
bfgs = optimize.minimize(nll, start, jac=grad, method="BFGS", options={"gtol": 1e-10, "maxiter": 10000})
polished = optimize.root(grad, bfgs.x, tol=1e-15)
full = polished.x
print("full likelihood mean", full[:K + 1].tolist(), "variance", full[K + 1:].tolist(), "|grad|", np.abs(grad(full)).max())
z1 = (yt - Zt @ ols.params) / resid_sd
z2 = (yt - Zt @ full[:K + 1]) / np.sqrt(np.exp(Zt @ full[K + 1:]))
z2step = (yt - Zt @ ols.params) / np.sqrt(np.exp(Zt @ gamma.params))
cov = np.cov(ref_pcs.T, bias=True)
delta = tgt_pcs - pc_mean
d2 = np.einsum("ij,jk,ik->i", delta, np.linalg.inv(cov), delta)
pval = stats.chi2.sf(d2, K)
print("chi2(4) upper 1e-3 quantile", float(stats.chi2.isf(1e-3, K)))
quantiles = np.quantile(y_ref, np.linspace(0, 1, 1001))
raw_pct = np.interp(y_tgt, quantiles, np.linspace(0, 100, 1001))
z2_pct = 100 * stats.norm.cdf(z2)
with open("ancestry-ref-adjust.tsv", "w") as f:
    f.write("IID\tSCORE\tZ_NORM1\tZ_NORM2\tZ_NORM2_TWOSTEP\tMAHALANOBIS2\tP\tRAW_PCTL\tZ2_PCTL\n")
    for i in range(len(tgt_ids)):
        f.write(f"{tgt_ids[i]}\t{y_tgt[i]:.6f}\t{z1[i]:.17g}\t{z2[i]:.17g}\t{z2step[i]:.17g}\t{d2[i]:.17g}\t{pval[i]:.17g}"
                f"\t{raw_pct[i]:.17g}\t{z2_pct[i]:.17g}\n")

# A weighted score on the target samples, for the risk-model tests of the ancestry-adjusted scale: the first six used
# variants that the target has (effect allele = reference A1, flipped when the target's A1/A2 are swapped), missing
# calls at 2·(reference A1 frequency), adjusted with the fits above.
#   ancestry-weights.tsv          ID, A1, A2, WEIGHT, A1_FREQ (reference)
#   ancestry-target-weighted.tsv  per target sample: raw score, Z_norm1, Z_norm2 (full likelihood), d², p, outside
weights = [0.4, -0.3, 0.25, 0.5, -0.15, 0.35]
chosen = [j for j in used if ref_bim[j][1] in where and {where[ref_bim[j][1]][1], where[ref_bim[j][1]][2]} == {ref_bim[j][4], ref_bim[j][5]}][:len(weights)]
raw_t = np.zeros(len(tgt_ids))
with open("ancestry-weights.tsv", "w") as f:
    f.write("ID\tA1\tA2\tWEIGHT\tA1_FREQ\n")
    for w, j in zip(weights, chosen):
        vid, a1, a2 = ref_bim[j][1], ref_bim[j][4], ref_bim[j][5]
        f.write(f"{vid}\t{a1}\t{a2}\t{w}\t{p[j]:.17g}\n")
        c, b1, b2 = where[vid]
        g = T[:, c] if (b1, b2) == (a1, a2) else 2 - T[:, c]
        raw_t += w * np.where(np.isnan(g), 2 * p[j], g)
yw = raw_t - offset
z1w = (yw - Zt @ ols.params) / resid_sd
z2w = (yw - Zt @ full[:K + 1]) / np.sqrt(np.exp(Zt @ full[K + 1:]))
with open("ancestry-target-weighted.tsv", "w") as f:
    f.write("IID\tSCORE\tZ_NORM1\tZ_NORM2\tMAHALANOBIS2\tP\tOUTSIDE\n")
    for i in range(len(tgt_ids)):
        f.write(f"{tgt_ids[i]}\t{raw_t[i]:.17g}\t{z1w[i]:.17g}\t{z2w[i]:.17g}\t{d2[i]:.17g}\t{pval[i]:.17g}\t{int(pval[i] < 1e-3)}\n")
