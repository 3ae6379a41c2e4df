package io.github.racrec.examples;

import io.github.racrec.training.data.AssemblyConfig;
import io.github.racrec.training.data.CrossDomainAssembler;
import io.github.racrec.training.data.CrossDomainAssembler.DomainData;
import io.github.racrec.training.data.CrossDomainDataset;
import io.github.racrec.training.data.DomainReviews;
import io.github.racrec.training.data.ReadReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Statistics of review files: one domain, or a cross-domain pair joined on user id. */
@Command(
    name = "data",
    mixinStandardHelpOptions = true,
    description = {
      "Statistics of Amazon review files (2014, 2018, 2023; plain or gzip).",
      "  racrec data FILE...                       one domain",
      "  racrec data --source FILE... --target FILE...   a cross-domain pair"
    })
final class DataCommand implements Callable<Integer> {

  @Parameters(arity = "0..*", description = "Review files of one domain.")
  List<Path> files;

  @Option(names = "--source", arity = "1..*", description = "Source-domain review files.")
  List<Path> sourceFiles;

  @Option(names = "--target", arity = "1..*", description = "Target-domain review files.")
  List<Path> targetFiles;

  @Option(
      names = "--min-source",
      description = "Source reviews an overlapping user needs (default: ${DEFAULT-VALUE}).")
  int minSource = 1;

  @Option(
      names = "--min-target",
      description = "Target reviews an overlapping user needs (default: ${DEFAULT-VALUE}).")
  int minTarget = 1;

  private final PrintStream out;

  DataCommand() {
    this(System.out);
  }

  DataCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() {
    boolean pair = sourceFiles != null || targetFiles != null;
    if (pair && (sourceFiles == null || targetFiles == null || files != null)) {
      System.err.println("Name --source and --target files together, or plain files alone.");
      return 2;
    }
    if (!pair && (files == null || files.isEmpty())) {
      System.err.println("Name review files, or --source and --target files.");
      return 2;
    }
    if (pair) {
      CrossDomainDataset dataset =
          CrossDomainAssembler.assemble(
              sourceFiles, targetFiles, new AssemblyConfig(minSource, minTarget, true));
      out.println("Files:");
      dataset.report().sourceReads().forEach(r -> printRead("source", r));
      dataset.report().targetReads().forEach(r -> printRead("target", r));
      out.println();
      out.println(dataset.describe());
      out.println(dataset.report().summary());
      printHistogram("source", dataset.source());
      printHistogram("target", dataset.target());
    } else {
      DomainData domain = CrossDomainAssembler.readDomain(files);
      out.println("Files:");
      domain.reads().forEach(r -> printRead("", r));
      out.printf(
          Locale.ROOT,
          "%n%,d reviews by %,d users on %,d items (%,d duplicate (user, item) reviews replaced"
              + " by newer ones)%n",
          domain.reviews().size(),
          domain.users().size(),
          domain.items().size(),
          domain.duplicates());
      printHistogram("", domain.reviews());
    }
    return 0;
  }

  private void printRead(String domain, ReadReport report) {
    out.printf(Locale.ROOT, "  %s%s%n", domain.isEmpty() ? "" : domain + ": ", report.summary());
  }

  private void printHistogram(String domain, DomainReviews reviews) {
    long[] histogram = reviews.ratingHistogram();
    long max = 1;
    for (long count : histogram) {
      max = Math.max(max, count);
    }
    out.printf(Locale.ROOT, "%nRatings%s:%n", domain.isEmpty() ? "" : " (" + domain + ")");
    for (int stars = 5; stars >= 1; stars--) {
      long count = histogram[stars - 1];
      out.printf(
          Locale.ROOT,
          "  %d star%s %9s  %s%n",
          stars,
          stars == 1 ? " " : "s",
          String.format(Locale.ROOT, "%,d", count),
          "#".repeat((int) Math.round(40.0 * count / max)));
    }
  }
}
