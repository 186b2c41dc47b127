"""The training log's pages; each module is one part of it."""
