/**
 * From restic's flags and environment to an open repository: the repository string mapped to a
 * store ({@link dev.cairn.cli.repo.BackendFactory}: local, S3, REST), the decorator chain
 * (connection limit, retries, request counts, cache) and the password, all put together in
 * {@link dev.cairn.cli.repo.RepositoryLocator}. Shared by the commands and the mover.
 */
package dev.cairn.cli.repo;
