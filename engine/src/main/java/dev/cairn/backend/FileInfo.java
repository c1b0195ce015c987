package dev.cairn.backend;

/** A listed file: its name (64 hex digits) and size in bytes. */
public record FileInfo(String name, long size) {}
