/**
 * The shared vocabulary of the engine: content ids ({@link dev.cairn.core.Id}), blob types and
 * handles, the kinds of repository files, and the small role interfaces that the operations
 * ({@code backup}, {@code restore}) use instead of the concrete repository.
 *
 * <p>This package depends on the JDK only. Every other engine package may depend on it.
 */
package dev.cairn.core;
