"""The SPARQL endpoint: HTTP, the worker pool and the result formats."""
