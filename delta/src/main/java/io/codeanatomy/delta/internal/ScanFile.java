package io.codeanatomy.delta.internal;

import io.delta.kernel.internal.actions.DeletionVectorDescriptor;
import java.util.Map;

/**
 * One active data file of a snapshot as Kernel's scan planning reports it.
 *
 * @param path the add action's path, URL-decoded (relative to the table root unless absolute)
 * @param encodedPath the add action's path as logged
 * @param deletionVector the file's deletion vector, or null
 */
public record ScanFile(
    String path,
    String encodedPath,
    long size,
    long modificationTime,
    Map<String, String> partitionValues,
    String stats,
    DeletionVectorDescriptor deletionVector) {}
