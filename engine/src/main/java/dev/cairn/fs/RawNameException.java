package dev.cairn.fs;

import dev.cairn.core.CairnException;

/**
 * A file name that this JVM cannot read or write byte for byte (it is not valid in the file-name
 * charset and {@code sun.nio.fs} is closed to Cairn), refused rather than stored or restored
 * under a mangled name.
 */
public class RawNameException extends CairnException {
  /** How to give Cairn the raw names: what {@code bin/cairn} and the jar's manifest do. */
  static final String HOW = "run Cairn through bin/cairn or java -jar cairn.jar, or give java"
      + " --add-opens java.base/sun.nio.fs=ALL-UNNAMED";

  public RawNameException(String message) {
    super(message + ": " + HOW);
  }
}
