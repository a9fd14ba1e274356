"""What runs the notebooks: the papermill driver and command line (pipeline), incremental step
keys (incremental), the run lock (runlock), the project's Jupyter kernel (kernel) and the
order-preserving worker pools the stages use on both cores (parallel)."""
