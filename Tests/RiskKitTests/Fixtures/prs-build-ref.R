# See prs-build-fixtures.sh. Prints THRESHOLD VARIANTS AUC R2 OR_PER_SD P for each threshold.
suppressMessages(library(pROC))
fam <- read.table("gwas-small.fam", col.names = c("FID", "IID", "PAT", "MAT", "SEXF", "PHENO"))
covar <- read.table("gwas-small.covar", header = TRUE, comment.char = "")
names(covar)[1] <- "FID"
validate <- read.table("prs-build-validate.txt", col.names = c("FID", "IID"))
d <- merge(merge(validate, fam, by = c("FID", "IID")), covar, by = c("FID", "IID"))
d$y <- d$PHENO - 1
d <- d[complete.cases(d[, c("y", "AGE", "SEX", "PC1", "PC2")]), ]
nagelkerke <- function(fit) {
  n <- length(fit$y)
  (1 - exp(-(fit$null.deviance - fit$deviance) / n)) / (1 - exp(-fit$null.deviance / n))
}
null <- glm(y ~ AGE + SEX + PC1 + PC2, family = binomial, data = d, control = glm.control(epsilon = 1e-14, maxit = 100))
cat("THRESHOLD\tVARIANTS\tAUC\tR2\tOR_PER_SD\tP\n")
for (t in c("5e-8", "1e-5", "1e-3", "0.01", "0.05", "0.1", "0.5", "1")) {
  k <- nrow(read.table(paste0("prs-tmp-", t, ".weights"), header = TRUE))
  if (k == 0) { cat(t, 0, "NA", "NA", "NA", "NA", sep = "\t"); cat("\n"); next }
  s <- read.table(paste0("prs-tmp-", t, ".sscore"), header = TRUE, comment.char = "")
  names(s)[1] <- "FID"
  e <- merge(d, s[, c("FID", "IID", "SCORE1_SUM")], by = c("FID", "IID"))
  e$z <- (e$SCORE1_SUM - mean(e$SCORE1_SUM)) / sqrt(mean((e$SCORE1_SUM - mean(e$SCORE1_SUM))^2))
  full <- glm(y ~ AGE + SEX + PC1 + PC2 + z, family = binomial, data = e, control = glm.control(epsilon = 1e-14, maxit = 100))
  auc <- as.numeric(auc(roc(e$y, e$SCORE1_SUM, direction = "<", quiet = TRUE)))
  co <- summary(full)$coefficients["z", ]
  cat(t, k, sprintf("%.10g", auc), sprintf("%.10g", nagelkerke(full) - nagelkerke(null)),
      sprintf("%.10g", exp(co[1])), sprintf("%.10g", co[4]), sep = "\t")
  cat("\n")
}
