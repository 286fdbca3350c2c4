print("riskkit-bench")
