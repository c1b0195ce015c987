package dev.cairn.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathPatternsTest {
  private static boolean matches(String pattern, String path) {
    return new PathPatterns(List.of(pattern)).matches(Path.of(path));
  }

  @Test
  void relativePatternsMatchAnyComponent() {
    assertThat(matches("*.log", "/var/app/x.log")).isTrue();
    assertThat(matches("*.log", "/var/app/x.txt")).isFalse();
    assertThat(matches("cache", "/home/u/cache/a/b")).isTrue();
    assertThat(matches("app/*.tmp", "/srv/app/a.tmp")).isTrue();
    assertThat(matches("app/*.tmp", "/srv/other/a.tmp")).isFalse();
  }

  @Test
  void anchoredPatternsStartAtTheRoot() {
    assertThat(matches("/srv/app", "/srv/app/file")).isTrue();
    assertThat(matches("/app", "/srv/app/file")).isFalse();
    assertThat(matches("/srv/*/file", "/srv/x/file")).isTrue();
  }

  @Test
  void doubleStarSpansComponents() {
    assertThat(matches("/srv/**/*.bak", "/srv/a/b/c/d.bak")).isTrue();
    assertThat(matches("/srv/**/*.bak", "/srv/d.bak")).isTrue();
    assertThat(matches("**/node_modules", "/x/y/node_modules/z")).isTrue();
  }

  @Test
  void includesDescendIntoParentsOfMatches() {
    PathPatterns p = new PathPatterns(List.of("/srv/app/data/*.db"));
    assertThat(p.mayMatchBelow(Path.of("/srv"))).isTrue();
    assertThat(p.mayMatchBelow(Path.of("/srv/app/data"))).isTrue();
    assertThat(p.matches(Path.of("/srv/app"))).isFalse();
    assertThat(p.mayMatchBelow(Path.of("/etc"))).isFalse();
  }

  @Test
  void excludeFilesSkipCommentsAndBlankLines(@TempDir Path tmp) throws Exception {
    Path f = tmp.resolve("excludes");
    Files.writeString(f, "# comment\n\n*.log\n  cache  \n");
    assertThat(PathPatterns.readFiles(List.of(f))).containsExactly("*.log", "cache");
  }
}
