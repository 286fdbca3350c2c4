# Writes vcf-small.vcf: 12 samples, 10 records on chromosomes 1 and 2 with phased and unphased GT, missing calls
# (./., .|., .), haploid calls (0, 1), half calls (./1, 1/., 0/.), one multi-allelic site (rs104, A -> T,G), one
# indel (rs108), two records without an ID (.), and a DS field on two records. Python 3.11, random seed 11.
import random
random.seed(11)
n = 12
samples = [f"S{i+1}" for i in range(n)]
lines = ["##fileformat=VCFv4.2", "##contig=<ID=1,length=1000000>", "##contig=<ID=2,length=1000000>",
         "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">",
         "##FORMAT=<ID=DS,Number=A,Type=Float,Description=\"Dosage\">",
         "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t" + "\t".join(samples)]
gts = ["0/0", "0/1", "1/1", "0|1", "1|0", "./.", ".|.", "0", "1", "./1", "1/.", "0/.", "."]
for v in range(10):
    chrom = "1" if v < 6 else "2"
    pos = 1000 + v * 137
    vid = "." if v in (3, 7) else f"rs{100 + v}"
    ref, alt = random.choice([("A", "G"), ("C", "T"), ("G", "A"), ("T", "C")])
    if v == 4:
        ref, alt = "A", "T,G"
    if v == 8:
        ref, alt = "AT", "A"
    fmt = "GT:DS" if v in (1, 5) else "GT"
    row = [chrom, str(pos), vid, ref, alt, ".", "PASS", ".", fmt]
    for s in range(n):
        g = random.choice(gts[:7]) if s % 5 else random.choice(gts)
        if v == 4:
            g = random.choice(["0/1", "1/2", "2/2", "0/0", "./."])
        if fmt == "GT:DS":
            g += ":" + ("%.3f" % random.uniform(0, 2))
        row.append(g)
    lines.append("\t".join(row))
open("vcf-small.vcf", "w").write("\n".join(lines) + "\n")
