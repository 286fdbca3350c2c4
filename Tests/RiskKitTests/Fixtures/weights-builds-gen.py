# PGS Catalog versions of prs-weights.txt on plink-tiny, for weight types and genome builds. plink-tiny's .bim
# positions stand for GRCh38; "GRCh37" positions are the same + 1,000,000 (made up: only the mismatch matters).
#   weights-or.txt / weights-nr.txt: rsID, both positions (chr_position GRCh37, hm_pos GRCh38), weights as odds
#     ratios exp(BETA) written to 17 significant digits, #weight_type=OR / NR.
#   weights-pos37.txt / weights-pos38.txt: no rsID, chr_name/chr_position only in GRCh37 / GRCh38, BETA as is.
import math
bim = {l.split()[1]: (l.split()[0], int(l.split()[3])) for l in open("plink-tiny.bim")}
rows = [l.split() for l in open("prs-weights.txt").read().splitlines()[1:]]
def header(weight_type, build, hm=None):
    lines = ["###PGS CATALOG SCORING FILE - see https://www.pgscatalog.org/downloads/#dl_ftp_scoring for additional information",
             "#format_version=2.0", "#pgs_id=PGS999998", f"#weight_type={weight_type}", f"#genome_build={build}",
             f"#variants_number={len(rows)}"]
    if hm: lines += [f"#HmPOS_build={hm}", "#HmPOS_date=2026-12-03"]
    return "\n".join(lines) + "\n"
for name, weight_type in [("weights-or.txt", "OR"), ("weights-nr.txt", "NR")]:
    with open(name, "w") as f:
        f.write(header(weight_type, "GRCh37", "GRCh38"))
        f.write("rsID\tchr_name\tchr_position\teffect_allele\teffect_weight\thm_chr\thm_pos\n")
        for rsid, allele, beta in rows:
            chrom, pos = bim.get(rsid, ("1", 99999))
            f.write(f"{rsid}\t{chrom}\t{pos + 1000000}\t{allele}\t{math.exp(float(beta))!r}\t{chrom}\t{pos}\n")
for name, build, shift in [("weights-pos37.txt", "GRCh37", 1000000), ("weights-pos38.txt", "GRCh38", 0)]:
    with open(name, "w") as f:
        f.write(header("beta", build))
        f.write("chr_name\tchr_position\teffect_allele\teffect_weight\n")
        for rsid, allele, beta in rows:
            chrom, pos = bim.get(rsid, ("1", 99999))
            f.write(f"{chrom}\t{pos + shift}\t{allele}\t{beta}\n")
# The reference: plink2 --score on the same betas in PLINK style, rs1018's effect allele given as A (PGS Catalog
# matching flips the file's T to the .bim's A; plink2 does not flip), ambiguous variants kept as written:
#   plink2 --bfile plink-tiny --score weights-builds-plink.txt 1 2 3 header cols=+scoresums --bad-freqs \
#     --out weights-builds-ref   (PLINK v2.00a3.5; weights-builds-plink.txt is then removed)
with open("weights-builds-plink.txt", "w") as f:
    f.write("ID\tA1\tBETA\n")
    for rsid, allele, beta in rows:
        f.write(f"{rsid}\t{'A' if rsid == 'rs1018' else allele}\t{beta}\n")
