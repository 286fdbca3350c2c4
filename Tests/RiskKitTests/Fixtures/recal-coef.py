# Writes the coefficients of recal-model.json as recal-coef.tsv (name, estimate to 17 significant digits) for R.
import json
with open("recal-coef.tsv", "w") as f:
    f.write("name\testimate\n")
    for c in json.load(open("recal-model.json"))["coefficients"]:
        f.write(f"{c['name']}\t{c['estimate']!r}\n")
