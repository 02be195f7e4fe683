"""okg's named SPARQL queries (.rq files shipped as package data), one analyst question each."""
