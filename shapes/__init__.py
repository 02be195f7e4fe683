"""okg's SHACL shapes (Turtle files shipped as package data)."""
