"""The build: documents in, a release of the knowledge graph out.

``pipeline`` runs it (read each document of the manifest, ``corpus``, with its family of
``families``; turn its records into triples with ``builders``, naming things through
``resolution`` and minting IRIs in ``iris``; link status assessments over time,
``status_history``; write the release). Kept empty, so that a build worker importing a
builder does not import the check and the store with it.
"""
