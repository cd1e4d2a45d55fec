"""The building blocks of the file formats (price values, workload section bases, the form catalogue's types):
below every layer of the model, so each option folder can declare its own sections with them."""
