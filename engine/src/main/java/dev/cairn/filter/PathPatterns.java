package dev.cairn.filter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * A list of restic path patterns. A pattern is split at {@code /} into components, each a glob
 * ({@code *}, {@code ?}, {@code [...]}) matching one path component, while {@code **} matches
 * any number of components. A pattern starting with {@code /} is anchored at the root; any
 * other may start matching at any component. A pattern matches a path when it matches all of
 * its components or a leading part of them (so a matched directory covers its contents).
 */
public final class PathPatterns {
  private final List<String> patterns;
  private final List<List<PathMatcher>> compiled = new ArrayList<>();
  private final List<Boolean> anchored = new ArrayList<>();

  public PathPatterns(List<String> patterns) {
    this.patterns = List.copyOf(patterns);
    for (String p : patterns) {
      String clean = p.trim();
      List<PathMatcher> parts = new ArrayList<>();
      for (String c : clean.split("/")) {
        if (!c.isEmpty()) {
          parts.add(c.equals("**") ? null : FileSystems.getDefault().getPathMatcher("glob:" + c));
        }
      }
      compiled.add(parts);
      anchored.add(clean.startsWith("/"));
    }
  }

  /** No patterns. */
  public static PathPatterns none() {
    return new PathPatterns(List.of());
  }

  /** Reads patterns from files, one a line; blank lines and {@code #} comments are skipped. */
  public static List<String> readFiles(List<Path> files) throws IOException {
    List<String> out = new ArrayList<>();
    for (Path f : files) {
      for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        String t = line.trim();
        if (!t.isEmpty() && !t.startsWith("#")) {
          out.add(t);
        }
      }
    }
    return out;
  }

  public List<String> patterns() {
    return patterns;
  }

  public boolean isEmpty() {
    return patterns.isEmpty();
  }

  /** True when a pattern matches {@code absolutePath} or one of its parents. */
  public boolean matches(Path absolutePath) {
    return anyMatch(components(absolutePath), false);
  }

  /**
   * True when a pattern matches {@code absolutePath}, a parent of it, or could match something
   * below it (used by include filters to decide whether to descend into a directory).
   */
  public boolean mayMatchBelow(Path absolutePath) {
    return anyMatch(components(absolutePath), true);
  }

  private boolean anyMatch(List<Path> comps, boolean prefixOk) {
    for (int i = 0; i < compiled.size(); i++) {
      List<PathMatcher> pat = compiled.get(i);
      int starts = anchored.get(i) ? 1 : comps.size() + 1;
      for (int start = 0; start < starts; start++) {
        if (match(pat, 0, comps, start, prefixOk)) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<Path> components(Path p) {
    List<Path> comps = new ArrayList<>();
    p.forEach(comps::add);
    return comps;
  }

  private static boolean match(
      List<PathMatcher> pat, int pi, List<Path> comps, int ci, boolean prefixOk) {
    if (pi == pat.size()) {
      return true;
    }
    if (ci == comps.size()) {
      return prefixOk;
    }
    PathMatcher m = pat.get(pi);
    if (m == null) {
      for (int skip = ci; skip <= comps.size(); skip++) {
        if (match(pat, pi + 1, comps, skip, prefixOk)) {
          return true;
        }
      }
      return false;
    }
    return m.matches(comps.get(ci)) && match(pat, pi + 1, comps, ci + 1, prefixOk);
  }
}
