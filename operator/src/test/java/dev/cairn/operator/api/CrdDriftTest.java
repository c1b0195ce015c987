package dev.cairn.operator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/crds/} is what {@link CrdFiles} renders from the API model. With {@code
 * -Dcrds.update=true} the test rewrites the files instead of failing.
 */
class CrdDriftTest {
  @Test
  void committedCrdsMatchTheModel() throws IOException {
    Path dir = CrdFiles.committedDir();
    Map<String, String> rendered = CrdFiles.render();
    if (Boolean.getBoolean("crds.update")) {
      CrdFiles.write(dir);
    }
    for (Map.Entry<String, String> file : rendered.entrySet()) {
      Path path = dir.resolve(file.getKey());
      if (!Files.exists(path)) {
        fail("%s is missing; regenerate from the repository root with:%n  %s",
            path.normalize(), CrdFiles.REGENERATE);
      }
      String committed = Files.readString(path, StandardCharsets.UTF_8);
      if (!committed.equals(file.getValue())) {
        fail("%s differs from what the API model generates, %s%nregenerate from the repository"
                + " root with:%n  %s",
            path.normalize(), firstDifference(committed, file.getValue()), CrdFiles.REGENERATE);
      }
    }
    try (Stream<Path> present = Files.list(dir)) {
      assertThat(present.map(p -> p.getFileName().toString()))
          .as("files in %s that CrdFiles does not generate", dir.normalize())
          .containsExactlyInAnyOrderElementsOf(rendered.keySet());
    }
  }

  @Test
  void aDifferenceIsReportedWithItsLineAndBothVersions() {
    assertThat(firstDifference("a\nb\nc\n", "a\nB\nc\n"))
        .isEqualTo("first at line 2:%n  committed: b%n  generated: B".formatted());
    assertThat(firstDifference("a\n", "a\nb\n")).contains("line 2", "<end of file>");
  }

  /** The first line where the two differ: its number and both versions. */
  static String firstDifference(String committed, String generated) {
    List<String> a = committed.lines().toList();
    List<String> b = generated.lines().toList();
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      String left = i < a.size() ? a.get(i) : "<end of file>";
      String right = i < b.size() ? b.get(i) : "<end of file>";
      if (!left.equals(right)) {
        return "first at line %d:%n  committed: %s%n  generated: %s".formatted(i + 1, left, right);
      }
    }
    return "in line endings";
  }
}
