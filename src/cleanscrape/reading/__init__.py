"""From input to text: finding and reading files, decoding bytes, repairing mojibake."""
