"""AWS Price List bulk offer files -> the user price book (Qt-free).

- formats: `read_csv.py` and `read_json.py` stream one offer file (CSV with its metadata lines, or JSON through
  ijson's C backend when it is there) and keep only the rows `rules.py` selects, as neutral `PriceRecord`s;
- `mapping.py` turns records into the price book's JSON, one small table per offer, writing only what the
  book's schema has a place for (the rest is reported as waiting);
- `importer.py` reads many files all or nothing and builds the new user book; `store.py` finds, reads and
  writes the user book (atomically) and gives every command its default book;
- `listing.py` and `diff.py` back `computefit prices show / missing / diff`; `commands.py` is that command.
Nothing here opens a network connection: the user downloads the files (see the README).
"""
