package dev.cairn.e2e;

import java.util.Map;

/**
 * Flux's post-build variable substitution ({@code spec.postBuild.substitute} of a Flux
 * Kustomization), as it is applied to the YAML that {@code kustomize build} renders: {@code
 * ${VAR}} becomes the variable's value, {@code ${VAR:=default}} the value or, when the variable
 * is unset or empty, the default, which may itself hold variables ({@code
 * ${VOLSYNC_SOURCE_PVC:=${APP}}}); {@code $${VAR}} is an escaped, literal {@code ${VAR}}. Flux
 * is not installable here, so the tests render with this. Like Flux with {@code
 * substitution.strict}, an unset variable without a default is an error rather than an empty
 * string, so that a missing variable fails the test instead of slipping through. Only the
 * braced forms are handled, the only ones the manifests use.
 */
final class FluxSubstitution {
  private final Map<String, String> vars;

  FluxSubstitution(Map<String, String> vars) {
    this.vars = Map.copyOf(vars);
  }

  /** {@code text} with every variable substituted. */
  String apply(String text) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("$${", i)) {
        int end = closing(text, i + 2);
        out.append(text, i + 1, end + 1);
        i = end + 1;
      } else if (text.startsWith("${", i)) {
        int end = closing(text, i + 1);
        out.append(expand(text.substring(i + 2, end)));
        i = end + 1;
      } else {
        out.append(text.charAt(i++));
      }
    }
    return out.toString();
  }

  private String expand(String expression) {
    int op = expression.indexOf(":=");
    String name = op < 0 ? expression : expression.substring(0, op);
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("not a variable name: ${" + expression + "}");
    }
    String value = vars.get(name);
    if (value != null && !value.isEmpty()) {
      return value;
    }
    if (op < 0) {
      throw new IllegalArgumentException("variable " + name + " is not set and has no default");
    }
    return apply(expression.substring(op + 2));
  }

  /** The index of the brace closing the one at {@code open}, counting nested braces. */
  private static int closing(String text, int open) {
    int depth = 0;
    for (int i = open; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i;
      }
    }
    throw new IllegalArgumentException("unclosed ${ at offset " + (open - 1));
  }
}
