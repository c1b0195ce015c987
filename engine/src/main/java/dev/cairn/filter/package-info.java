/**
 * restic's path patterns for {@code --exclude}, {@code --exclude-file}, {@code --include}: glob
 * components separated by {@code /}, with {@code **} for any number of components. Used by
 * backup and restore; depends on the JDK only.
 */
package dev.cairn.filter;
