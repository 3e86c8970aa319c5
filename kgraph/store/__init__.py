"""Where graphs are kept: the storage backends (memory, Oxigraph folder, remote SPARQL)."""
