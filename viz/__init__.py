"""okg's interactive HTML views of the graph."""
