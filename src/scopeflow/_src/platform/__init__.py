"""What scopeflow needs of the operating system: files written whole or not at all."""
