"""okg: ILO oversight and governance documents as one RDF knowledge graph.

Installed as one import name: the repository's folders graph/, loaders/, viz/,
queries/, shapes/ and ontology/ are its subpackages okg.graph, okg.loaders,
okg.viz, okg.queries, okg.shapes and okg.ontology (pyproject.toml maps them).
"""
