package io.github.racrec.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.racrec.training.demo.DemoConfig;
import io.github.racrec.training.demo.DemoGenerator;
import io.github.racrec.training.demo.DemoGenerator.DemoData;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code ```java} block of README.md and docs/*.md, read from the files themselves, compiled
 * and run, so that no snippet can drift from the code.
 *
 * <p>A block is the body of a method that may throw, with every public racrec package and {@code
 * java.util}, {@code java.nio.file} imported, and these names given: {@code movieReviews}, {@code
 * musicReviews}, {@code musicMeta} (a small demo world's files), {@code workFolder} (an empty
 * folder of its own), {@code modelFolder} and {@code catalogFile} (a trained demo model and its
 * catalog), and {@code dot(float[], float[])}. A block must not declare those names again.
 */
class DocSnippetsTest {
  private static final List<String> IMPORTS =
      List.of(
          "io.github.racrec.api",
          "io.github.racrec.onnx",
          "io.github.racrec.onnx.catalog",
          "io.github.racrec.onnx.serving",
          "io.github.racrec.training.catalog",
          "io.github.racrec.training.data",
          "io.github.racrec.training.demo",
          "io.github.racrec.training.eval",
          "io.github.racrec.training.racrec",
          "java.util",
          "java.nio.file");

  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final Path WORK = Path.of("target", "doc-snippets").toAbsolutePath();

  /** A Java block: where it is and what it says. */
  record Snippet(Path file, int firstLine, String code) {
    String where() {
      return ROOT.relativize(file) + ":" + firstLine;
    }
  }

  @TestFactory
  Stream<DynamicTest> everyJavaBlockOfTheDocs_compilesAndRuns() throws IOException {
    List<Snippet> snippets = new ArrayList<>(read(ROOT.resolve("README.md")));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      for (Path doc : docs.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
        snippets.addAll(read(doc));
      }
    }
    assertTrue(
        snippets.size() >= 5 && snippets.stream().anyMatch(s -> s.file().endsWith("README.md")),
        "the README's snippet and the docs' were found: " + snippets);
    List<DynamicTest> tests = new ArrayList<>();
    for (int i = 0; i < snippets.size(); i++) {
      Snippet snippet = snippets.get(i);
      int index = i;
      tests.add(DynamicTest.dynamicTest(snippet.where(), () -> compileAndRun(snippet, index)));
    }
    return tests.stream();
  }

  static List<Snippet> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Snippet> found = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).strip().equals("```java")) {
        continue;
      }
      int start = i + 1;
      StringBuilder code = new StringBuilder();
      for (i = start; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
        code.append(lines.get(i)).append('\n');
      }
      found.add(new Snippet(file, start + 1, code.toString()));
    }
    return found;
  }

  private static void compileAndRun(Snippet snippet, int index) throws Exception {
    String className = "Snippet" + index;
    Path sources = WORK.resolve("src-" + index);
    Path classes = WORK.resolve("classes-" + index);
    deleteAllBut(sources, "");
    deleteAllBut(classes, "");
    Files.createDirectories(sources);
    Files.createDirectories(classes);
    StringBuilder source = new StringBuilder("package snippets;\n");
    IMPORTS.forEach(p -> source.append("import ").append(p).append(".*;\n"));
    source.append("import java.util.function.Consumer;\n");
    source.append("public final class ").append(className);
    source.append(" implements Consumer<Map<String, Path>> {\n");
    source.append(
        "  public void accept(Map<String, Path> g) {\n"
            + "    try {\n"
            + "      run(g.get(\"movieReviews\"), g.get(\"musicReviews\"), g.get(\"musicMeta\"),\n"
            + "          g.get(\"workFolder\"), g.get(\"modelFolder\"), g.get(\"catalogFile\"));\n"
            + "    } catch (RuntimeException e) { throw e; }\n"
            + "    catch (Exception e) { throw new RuntimeException(e); }\n"
            + "  }\n"
            + "  static double dot(float[] a, float[] b) {\n"
            + "    double s = 0; for (int i = 0; i < a.length; i++) { s += a[i] * b[i]; } return s;\n"
            + "  }\n"
            + "  private static void run(Path movieReviews, Path musicReviews, Path musicMeta,\n"
            + "      Path workFolder, Path modelFolder, Path catalogFile) throws Exception {\n");
    int offset = (int) source.chars().filter(c -> c == '\n').count();
    source.append(snippet.code()).append("  }\n}\n");
    Path file = sources.resolve(className + ".java");
    Files.writeString(file, source);

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      List<String> options =
          List.of("-classpath", classpath(), "-d", classes.toString(), "-proc:none");
      StringWriter output = new StringWriter();
      boolean compiled =
          javac
              .getTask(output, files, diagnostics, options, null, files.getJavaFileObjects(file))
              .call();
      if (!compiled) {
        StringBuilder report = new StringBuilder(snippet.where() + " does not compile:\n");
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
          if (d.getKind() == Diagnostic.Kind.ERROR) {
            long line = snippet.firstLine() + d.getLineNumber() - offset - 1;
            report.append("  line ").append(line).append(": ");
            report.append(d.getMessage(Locale.ROOT)).append('\n');
          }
        }
        fail(report.toString() + output);
      }
    }
    Path workFolder = WORK.resolve("work-" + index);
    deleteAllBut(workFolder, "cache"); // keep encoded vectors for the next build
    Files.createDirectories(workFolder);
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL()}, DocSnippetsTest.class.getClassLoader())) {
      @SuppressWarnings("unchecked")
      Consumer<Map<String, Path>> body =
          (Consumer<Map<String, Path>>)
              loader.loadClass("snippets." + className).getConstructor().newInstance();
      body.accept(given(workFolder));
    }
  }

  private static Map<String, Path> given(Path workFolder) {
    DemoData data = demoData();
    Path model = DemoModel.workDir().toAbsolutePath();
    return Map.of(
        "movieReviews", data.movieReviewFile(),
        "musicReviews", data.musicReviewFile(),
        "musicMeta", data.musicMetaFile(),
        "workFolder", workFolder,
        "modelFolder", model.resolve("model"),
        "catalogFile", model.resolve("catalog.rcat"));
  }

  private static DemoData demoData;

  private static synchronized DemoData demoData() {
    if (demoData == null) {
      demoData =
          DemoGenerator.generate(DemoConfig.defaults().scaled(80, 30, 40), WORK.resolve("data"));
    }
    return demoData;
  }

  /** Surefire names the test class path in a property; elsewhere the JVM's own is complete. */
  private static String classpath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank()
        ? surefire
        : System.getProperty("java.class.path");
  }

  private static void deleteAllBut(Path folder, String kept) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> all = Files.walk(folder)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Path relative = folder.relativize(p);
        boolean keep =
            !kept.isEmpty()
                && relative.getNameCount() > 0
                && relative.getName(0).toString().equals(kept);
        if (!p.equals(folder) && !keep) {
          Files.delete(p);
        }
      }
    }
  }
}
