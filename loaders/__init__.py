"""Loaders: one module per document family; a document in, plain records with source spans out.

Loaders know nothing about RDF or file formats: a reader (:mod:`loaders.readers`)
turns the file into the document model, and the family's loader reads that. Each
loader module names its ``FAMILY`` (the name of its profile, ``loaders/profiles/<family>.toml``);
families are registered, with their builders, in :mod:`okg.graph.build.families`.
"""
