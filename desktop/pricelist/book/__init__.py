"""The user price book: where it lives, reading and writing it, changing it from the window, listing it."""

USER_BOOK_NAME = "user-price-book.json"  # in the user's application data folder (store.user_book_path)
