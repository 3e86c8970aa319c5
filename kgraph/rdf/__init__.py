"""The RDF model: namespace and terms, assertions to quads, records from quads, files,
inference and validation. No spaCy here."""
