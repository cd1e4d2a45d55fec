"""The user price book: where it lives, reading and writing it, changing it from the window, listing it."""
