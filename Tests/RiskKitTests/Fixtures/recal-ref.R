# Reference for riskkit recalibrate: R's glm on the linear predictor of recal-model.json over recal-data.csv.
# R 4.2.2 (Debian r-base-core), stats::glm with control epsilon 1e-14, maxit 100. The coefficients are read from
# recal-coef.tsv (name, estimate: the model file's, extracted by recal-fixtures.sh).
d <- read.csv("recal-data.csv")
coef <- read.delim("recal-coef.tsv", stringsAsFactors = FALSE)
lp <- rep(coef$estimate[coef$name == "(Intercept)"], nrow(d))
for (k in seq_len(nrow(coef))) {
  name <- coef$name[k]
  if (name == "(Intercept)") next
  if (grepl("=", name)) {
    parts <- strsplit(name, "=")[[1]]
    x <- as.numeric(d[[parts[1]]] == parts[2])
  } else {
    x <- d[[name]]
  }
  lp <- lp + coef$estimate[k] * x
}
ctl <- glm.control(epsilon = 1e-14, maxit = 100)
offset_fit <- glm(y ~ offset(lp), family = binomial, data = d, control = ctl)
slope_fit <- glm(y ~ lp, family = binomial, data = d, control = ctl)
cat(sprintf("method\tintercept\tslope\n"))
cat(sprintf("intercept\t%.17g\t1\n", coef(offset_fit)[1]))
cat(sprintf("slope\t%.17g\t%.17g\n", coef(slope_fit)[1], coef(slope_fit)[2]))
