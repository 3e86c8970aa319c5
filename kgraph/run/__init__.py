"""Running a build: the loop over articles and a backend, the process pool, Dask, progress."""
