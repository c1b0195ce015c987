package dev.cairn.backup;

import dev.cairn.core.Id;
import java.util.List;

/**
 * What {@link Archiver#archive} produced: the root tree, the absolute target paths for the
 * snapshot, the counters, and the errors of items left out.
 */
public record ArchiveResult(
    Id tree, List<String> paths, BackupStats stats, List<SourceError> errors) {}
