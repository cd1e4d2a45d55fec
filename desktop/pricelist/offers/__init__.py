"""The AWS Price List import: offer files (CSV or JSON) read, checked and mapped into a new user book."""
