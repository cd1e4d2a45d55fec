"""One compute option: everything about it lives in this folder (see docs/architecture.md)."""
