# recal-train.csv (500 rows) and recal-data.csv (800 rows, "later": the event rate has fallen and the effects
# shrunk) for riskkit recalibrate. Features: age, bmi, smoker (0/1), region (north/south/west); outcome y (0/1).
import numpy as np
def cohort(n, seed, intercept, scale):
    rng = np.random.default_rng(seed)
    age = rng.integers(40, 80, n); bmi = np.round(rng.normal(27, 4, n), 1); smoker = rng.integers(0, 2, n)
    region = rng.choice(["north", "south", "west"], n)
    eta = intercept + scale * (0.06 * (age - 60) + 0.08 * (bmi - 27) + 0.7 * smoker + 0.4 * (region == "west"))
    y = (rng.random(n) < 1 / (1 + np.exp(-eta))).astype(int)
    return [f"P{seed}-{i},{age[i]},{bmi[i]},{smoker[i]},{region[i]},{y[i]}" for i in range(n)]
for name, n, seed, intercept, scale in [("recal-train.csv", 500, 31, -1.2, 1.0), ("recal-data.csv", 800, 32, -1.9, 0.7)]:
    with open(name, "w") as f:
        f.write("id,age,bmi,smoker,region,y\n" + "\n".join(cohort(n, seed, intercept, scale)) + "\n")
