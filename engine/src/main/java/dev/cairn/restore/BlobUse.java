package dev.cairn.restore;

import dev.cairn.pack.PackedBlob;

/** One place a blob must be written: a file and the offset in it. */
record BlobUse(PackedBlob blob, FileTarget file, long offset) {}
