"""Variable collections, GraphKeys and the variable initializer / initialization-check ops."""
