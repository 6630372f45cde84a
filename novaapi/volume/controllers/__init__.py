"""HTTP handlers of the block-storage endpoint: parse, call one domain function, render."""
