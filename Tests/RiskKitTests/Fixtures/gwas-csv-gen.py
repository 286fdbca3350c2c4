# Writes gwas-small.csv (RiskKit CSV: id, age, sex M/F, site text, status 0/1) and gwas-small-cat.covar (the same
# covariates in PLINK 2 layout with text values, which plink2 reads as categorical) from gwas-small.covar/.pheno.
# Sites cycle north/south/east by sample; samples P7 and P19 have no site. Missing values are empty in the CSV;
# in PLINK layout NA for numbers and NONE (plink2's missing category name) for categories.
rows = [l.split() for l in open("gwas-small.covar") if not l.startswith("#")]
pheno = {l.split()[1]: l.split()[3] for l in open("gwas-small.pheno") if not l.startswith("#")}
sites = ["north", "south", "east"]
with open("gwas-small.csv", "w") as csv, open("gwas-small-cat.covar", "w") as cov:
    csv.write("id,age,sex,site,status\n")
    cov.write("#FID IID AGE SEX SITE\n")
    for k, (fid, iid, age, sex, pc1, pc2) in enumerate(rows):
        site = "" if iid in ("P7", "P19") else sites[k % 3]
        s = {"1": "M", "0": "F"}.get(sex, "")
        status = {"2": "1", "1": "0"}.get(pheno[iid], "")
        csv.write(f"{iid},{'' if age == 'NA' else age},{s},{site},{status}\n")
        cov.write(f"{fid} {iid} {age} {s or 'NONE'} {site or 'NONE'}\n")
