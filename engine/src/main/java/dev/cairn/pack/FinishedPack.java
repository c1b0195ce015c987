package dev.cairn.pack;

import dev.cairn.core.Id;
import java.util.List;

/** A complete pack: its id, its bytes {@code data[0..length)} and the blobs it holds. */
public record FinishedPack(Id id, byte[] data, int length, List<PackedBlob> blobs) {}
