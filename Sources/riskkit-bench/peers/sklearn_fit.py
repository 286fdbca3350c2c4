"""Peer for `riskkit-bench fit --peer`: times scikit-learn's unpenalized LogisticRegression on the same data.

usage: sklearn_fit.py X.npy y.npy coef_out.txt [--threads 2] [--raw] [--reference reference_out.txt]
Reads the features (n x p) and 0/1 outcomes written by riskkit-bench, converts X to C order before timing
(sklearn's preferred layout), then times LogisticRegression(penalty=None, solver="lbfgs", tol=1e-8,
max_iter=10000) behind a StandardScaler (sklearn's recommended and fastest-converging set-up; the time includes
the scaling) and writes its coefficients mapped back to the original scale, intercept first. With --raw it also
times the same model on X as given (on raw clinical scales lbfgs may need thousands of iterations or not converge).
With --reference it also fits statsmodels' Logit(y, [1, X]).fit(method="newton", tol=1e-12, maxiter=50) — an
accuracy reference, not a timing peer — and writes its coefficients and standard errors, one "beta se" pair a line.
BLAS/OpenMP are limited to --threads.
"""
import sys
import time
import warnings

import numpy as np
import sklearn
import statsmodels
import statsmodels.api as sm
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_info, threadpool_limits

x_path, y_path, out_path = sys.argv[1:4]
threads = int(sys.argv[sys.argv.index("--threads") + 1]) if "--threads" in sys.argv else 2
X = np.ascontiguousarray(np.load(x_path))
y = np.load(y_path)


def model():
    return LogisticRegression(penalty=None, solver="lbfgs", tol=1e-8, max_iter=10000)


with threadpool_limits(threads), warnings.catch_warnings():
    warnings.simplefilter("ignore", FutureWarning)  # sklearn >= 1.8 deprecates penalty=None in favour of C=inf
    kernels = ", ".join(f"{i['internal_api']}:{i.get('architecture', '-')}x{i['num_threads']}" for i in threadpool_info())
    start = time.perf_counter()
    scaled = make_pipeline(StandardScaler(), model()).fit(X, y)
    scaled_seconds = time.perf_counter() - start
    scaler, fitted = scaled[0], scaled[-1]
    slopes = fitted.coef_.ravel() / scaler.scale_
    intercept = fitted.intercept_[0] - np.dot(slopes, scaler.mean_)
    np.savetxt(out_path, np.r_[intercept, slopes], fmt="%.17g")
    print(f"sklearn  {sklearn.__version__} lbfgs behind StandardScaler: {scaled_seconds:.3f} s, "
          f"{int(fitted.n_iter_[0])} iterations, no standard errors ({kernels})", flush=True)
    if "--raw" in sys.argv:
        warnings.simplefilter("ignore")
        start = time.perf_counter()
        raw = model().fit(X, y)
        seconds = time.perf_counter() - start
        print(f"sklearn  {sklearn.__version__} lbfgs on X as given: {seconds:.3f} s, {int(raw.n_iter_[0])} iterations "
              f"(max_iter 10000), no standard errors", flush=True)
    if "--reference" in sys.argv:
        reference_path = sys.argv[sys.argv.index("--reference") + 1]
        start = time.perf_counter()
        result = sm.Logit(y, sm.add_constant(X, has_constant="add")).fit(method="newton", tol=1e-12, maxiter=50, disp=0)
        seconds = time.perf_counter() - start
        np.savetxt(reference_path, np.c_[result.params, result.bse], fmt="%.17g")
        print(f"statsmodels {statsmodels.__version__} Logit newton tol=1e-12 (reference, not a timing peer): "
              f"{seconds:.3f} s, {int(result.mle_retvals['iterations'])} iterations, "
              f"converged {result.mle_retvals['converged']}", flush=True)
