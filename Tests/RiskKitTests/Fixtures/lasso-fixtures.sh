#!/bin/sh
# Rebuilds the lasso-* fixtures: the fileset and covariates (Python 3.11 + numpy 1.26), then the glmnet references
# and fold ids (R 4.2.2, glmnet 4.1-6). Run from this folder.
set -e
python3 lasso-small-gen.py
Rscript lasso-glmnet.R
