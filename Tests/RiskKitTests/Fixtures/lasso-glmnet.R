# Reference values for PenalizedScoreTests (R 4.2.2, glmnet 4.1-6): run from this folder with
#   Rscript lasso-glmnet.R
# Reads lasso-small.bed/.bim/.fam/.covar with its own .bed decoder, keeps the samples with phenotype 1/2 (outcome =
# phenotype − 1), drops variants without calls or with a single called value, mean-imputes missing calls, and fits
# glmnet(family = "binomial", standardize = TRUE, thresh = 1e-20) with penalty.factor 0 for AGE and BMI.
# λ_max is computed independently here: the covariates-only glm, then max_j |x̃_jᵀ(y − μ₀)|/(n·α) over the variants
# standardized with 1/n SDs; 20 λ log-spaced down to 0.01·λ_max. glmnet rescales penalty.factor to sum to the number
# of columns (400 here, 398 penalized), so it is given λ·398/400 to minimise the same objective.
# Writes lasso-ref-path-a1.tsv / lasso-ref-path-a05.tsv (λ index, λ, term, coefficient on the dosage scale; only
# nonzero variant terms; term DEVIANCE holds deviance(fit), the training deviance) and lasso-ref-cv-a1.tsv (5-fold
# CV by hand with the folds of lasso-folds.txt, each fold's training part mean-imputed and standardized on its own,
# held-out missing calls set to the training mean; per λ the fold-size-weighted mean held-out deviance and AUC and
# cv.glmnet's SE).
suppressMessages(library(glmnet))
fam <- read.table("lasso-small.fam", colClasses = "character")
bim <- read.table("lasso-small.bim", colClasses = "character")
cov <- read.table("lasso-small.covar", header = FALSE, skip = 1)
N <- nrow(fam); M <- nrow(bim); B <- ceiling(N / 4)
raw <- readBin("lasso-small.bed", "raw", 3 + M * B)
stopifnot(as.integer(raw[1:3]) == c(0x6c, 0x1b, 1))
G <- matrix(NA_real_, N, M)
for (j in 1:M) {
  bytes <- as.integer(raw[3 + (j - 1) * B + 1:B])
  codes <- as.vector(rbind(bytes %% 4, (bytes %/% 4) %% 4, (bytes %/% 16) %% 4, bytes %/% 64))[1:N]
  G[, j] <- c(2, NA, 1, 0)[codes + 1]
}
keep <- fam$V6 %in% c("1", "2")
y <- as.numeric(fam$V6[keep]) - 1
X <- G[keep, ]
Z <- as.matrix(cov[keep, 3:4]); colnames(Z) <- c("AGE", "BMI")
n <- nrow(X)
usable <- apply(X, 2, function(x) sum(!is.na(x)) > 0 && length(unique(x[!is.na(x)])) > 1)
X <- X[, usable]; ids <- bim$V2[usable]; colnames(X) <- ids
impute <- function(A, means) { for (j in seq_len(ncol(A))) A[is.na(A[, j]), j] <- means[j]; A }
Xi <- impute(X, colMeans(X, na.rm = TRUE))
p <- ncol(Xi); scale_factor <- p / (p + 2)
pf <- c(0, 0, rep(1, p))
lambda_path <- function(alpha, count = 20, ratio = 0.01) {
  mu0 <- fitted(glm(y ~ Z, family = binomial))
  xs <- scale(Xi, center = TRUE, scale = apply(Xi, 2, function(x) sqrt(mean((x - mean(x))^2))))
  lmax <- max(abs(crossprod(xs, y - mu0))) / n / alpha
  lmax * ratio^((0:(count - 1)) / (count - 1))
}
fit_path <- function(A, yy, lambdas, alpha)
  glmnet(A, yy, family = "binomial", alpha = alpha, lambda = lambdas * scale_factor, penalty.factor = pf,
         standardize = TRUE, thresh = 1e-20, maxit = 1e8)
write_path <- function(alpha, file) {
  lambdas <- lambda_path(alpha)
  fit <- fit_path(cbind(Z, Xi), y, lambdas, alpha)
  stopifnot(length(fit$lambda) == length(lambdas))
  beta <- as.matrix(coef(fit))
  out <- NULL
  for (l in seq_along(lambdas)) {
    b <- beta[, l]
    rows <- c(1:3, 3 + which(b[-(1:3)] != 0))
    out <- rbind(out, data.frame(index = l - 1, lambda = sprintf("%.15g", lambdas[l]), term = c(names(b)[rows], "DEVIANCE"),
                                 coefficient = sprintf("%.15g", c(b[rows], deviance(fit)[l]))))
  }
  out$term[out$term == "(Intercept)"] <- "INTERCEPT"
  write.table(out, file, sep = "\t", quote = FALSE, row.names = FALSE)
}
write_path(1, "lasso-ref-path-a1.tsv")
write_path(0.5, "lasso-ref-path-a05.tsv")
set.seed(7)
foldid <- sample(rep(1:5, length.out = n))
writeLines(as.character(foldid - 1), "lasso-folds.txt")
lambdas <- lambda_path(1)
dev <- auc <- matrix(0, 5, length(lambdas)); sizes <- numeric(5)
for (k in 1:5) {
  tr <- foldid != k; te <- !tr
  means <- colMeans(X[tr, ], na.rm = TRUE)
  fit <- fit_path(cbind(Z[tr, ], impute(X[tr, ], means)), y[tr], lambdas, 1)
  stopifnot(length(fit$lambda) == length(lambdas))
  eta <- predict(fit, newx = cbind(Z[te, ], impute(X[te, ], means)), type = "link")
  yt <- y[te]; n1 <- sum(yt); n0 <- sum(1 - yt); sizes[k] <- sum(te)
  for (l in seq_along(lambdas)) {
    e <- eta[, l]
    dev[k, l] <- mean(2 * (ifelse(e > 0, e + log1p(exp(-e)), log1p(exp(e))) - yt * e))
    auc[k, l] <- (sum(rank(e)[yt == 1]) - n1 * (n1 + 1) / 2) / (n1 * n0)
  }
}
summ <- function(m) {
  mean <- apply(m, 2, weighted.mean, w = sizes)
  se <- sqrt(apply(sweep(m, 2, mean)^2, 2, weighted.mean, w = sizes) / (5 - 1))
  list(mean = mean, se = se)
}
d <- summ(dev); a <- summ(auc)
write.table(data.frame(index = seq_along(lambdas) - 1, lambda = sprintf("%.15g", lambdas),
                       deviance = sprintf("%.15g", d$mean), deviance_se = sprintf("%.15g", d$se),
                       auc = sprintf("%.15g", a$mean), auc_se = sprintf("%.15g", a$se)),
            "lasso-ref-cv-a1.tsv", sep = "\t", quote = FALSE, row.names = FALSE)
