"""Peer for `riskkit-bench fit --peer`: times scikit-learn's unpenalized LogisticRegression on the same data.

usage: sklearn_fit.py X.npy y.npy coef_out.txt [--threads 2]
Reads the features (n x p, any order) and 0/1 outcomes written by riskkit-bench, converts X to C order before
timing (sklearn's preferred layout), fits LogisticRegression(penalty=None, solver="lbfgs", tol=1e-8,
max_iter=10000) with BLAS/OpenMP limited to --threads, writes intercept then coefficients one per line, and prints
the wall time. OPENBLAS_CORETYPE is left as the environment sets it.
"""
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_info, threadpool_limits

x_path, y_path, out_path = sys.argv[1:4]
threads = int(sys.argv[sys.argv.index("--threads") + 1]) if "--threads" in sys.argv else 2
X = np.ascontiguousarray(np.load(x_path))
y = np.load(y_path)
with threadpool_limits(threads), warnings.catch_warnings():
    warnings.simplefilter("ignore", FutureWarning)  # sklearn >= 1.8 deprecates penalty=None in favour of C=inf
    kernels = ", ".join(f"{i['internal_api']}:{i.get('architecture', '-')}x{i['num_threads']}" for i in threadpool_info())
    start = time.perf_counter()
    model = LogisticRegression(penalty=None, solver="lbfgs", tol=1e-8, max_iter=10000).fit(X, y)
    seconds = time.perf_counter() - start
np.savetxt(out_path, np.r_[model.intercept_, model.coef_.ravel()], fmt="%.17g")
print(f"sklearn  {sklearn.__version__} lbfgs fit {X.shape[0]} x {X.shape[1]}: {seconds:.3f} s, "
      f"{int(model.n_iter_[0])} iterations ({kernels})", flush=True)
