/**
 * The operations on an open repository as front ends call them: backup, restore, forget, prune,
 * unlock and snapshot listing, each with typed options in (a request record), a typed outcome
 * out, progress through a listener, and the repository lock it needs taken and released here.
 * The {@code cairn} commands, the {@code cairn mover} and tests all go through {@link
 * dev.cairn.operation.Operations}, so that what a backup is (lock, parent, archive, snapshot,
 * summary) is written once. Printing is the front ends' business: nothing here writes to
 * stdout.
 */
package dev.cairn.operation;
