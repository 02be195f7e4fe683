"""okg's ontology, SKOS vocabularies and registries (Turtle files shipped as package data)."""
