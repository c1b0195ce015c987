package dev.cairn.snapshot;

import dev.cairn.core.Id;

/** A snapshot with its storage id. */
public record SnapshotRef(Id id, Snapshot snapshot) {}
