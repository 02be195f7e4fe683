"""okg graph: records -> RDF, resolution, the store, queries, and the command line."""
