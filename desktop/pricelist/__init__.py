"""AWS Price List bulk offer files -> the user price book (Qt-free), in two parts that do not import each other.

- `offers/`, the import: `read_csv.py` and `read_json.py` stream one offer file (CSV with its metadata lines, or
  JSON through ijson's C backend when it is there) and keep only the rows `rules.py` selects, as neutral
  `PriceRecord`s; `mapping.py` turns records into the price book's JSON, one small table per offer, writing only
  what the book's schema has a place for (the rest is reported as waiting); `importer.py` reads many files all or
  nothing and builds the new user book;
- `book/`, the user book: `store.py` finds, reads and writes it (atomically) and gives every command its default
  book; `setup.py` changes it from the window; `listing.py` and `diff.py` back `computefit prices show / missing /
  diff`;
- `commands.py` is `computefit prices`, the one place that uses both.
Nothing here opens a network connection: the user downloads the files (see the README).
"""
