package dev.cairn.cli.report;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.cairn.core.CairnException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** Where a command prints: text and JSON on stdout, warnings and errors on stderr. */
public final class Output {
  /**
   * Jackson databind, created on first use: building an ObjectMapper loads some 400 classes,
   * a third of a second that commands printing no JSON should not pay.
   */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final ObjectWriter PRETTY =
        MAPPER.writer(
            new DefaultPrettyPrinter()
                .withSeparators(
                    Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE));
  }

  /** The shared databind mapper (loaded on first call). */
  public static ObjectMapper json() {
    return Json.MAPPER;
  }

  private final OutputStream raw;
  private final PrintWriter stdout;
  private final PrintWriter stderr;

  public Output(OutputStream raw, PrintWriter stdout, PrintWriter stderr) {
    this.raw = raw;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  public PrintWriter stdout() {
    return stdout;
  }

  /** Writes bytes to stdout as they are (cat blob, cat pack). */
  public void raw(byte[] b) throws IOException {
    stdout.flush();
    raw.write(b);
    raw.flush();
  }

  /** Prints JSON text indented, as restic's {@code cat} does. */
  public void prettyJson(byte[] json) throws IOException {
    println(Json.PRETTY.writeValueAsString(Json.MAPPER.readTree(json)));
  }

  /** Prints a line of text. */
  public void println(String s) {
    stdout.println(s);
    stdout.flush();
  }

  /** Prints one JSON document on a line. */
  public void json(Object value) {
    try {
      stdout.println(Json.MAPPER.writeValueAsString(value));
      stdout.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Rewrites the progress line on a terminal (stderr, carriage return, cleared). */
  public void progress(String line) {
    stderr.print("\r\033[2K" + line);
    stderr.flush();
  }

  /** Prints a warning to stderr. */
  public void warn(String s) {
    stderr.println(s);
    stderr.flush();
  }

  /** Prints a fatal error, as restic does: {@code Fatal: message}. */
  public void fatal(Throwable ex) {
    String msg = ex.getMessage() == null ? ex.toString() : ex.getMessage();
    if (!(ex instanceof CairnException) && !(ex instanceof IOException)
        && !(ex instanceof IllegalArgumentException)) {
      msg = ex.toString();
      // a library's wrapper ("Error starting operator") says little: name the first cause too
      Throwable root = ex;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      if (root != ex) {
        msg += ": caused by " + root;
      }
    }
    stderr.println("Fatal: " + msg);
    if (System.getenv("CAIRN_DEBUG") != null) {
      ex.printStackTrace(stderr);
    }
    stderr.flush();
  }
}
