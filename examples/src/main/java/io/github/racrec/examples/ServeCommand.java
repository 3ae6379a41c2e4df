package io.github.racrec.examples;

import io.github.racrec.examples.web.AdminServer;
import io.github.racrec.examples.web.LiveModels;
import io.github.racrec.examples.web.RecommendationServer;
import io.github.racrec.examples.web.ServiceLimits;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Serves recommendations over HTTP with the demo page: the quickstart's model and catalog by
 * default (trained first if missing), or the files named.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve recommendations over HTTP (POST /api/recommend, GET /api/health, GET /api/info) and"
          + " the demo page at http://localhost:8000/."
    })
final class ServeCommand implements Callable<Integer> {
  @Option(names = "--port", description = "Port (default: ${DEFAULT-VALUE}).")
  int port = 8000;

  @Option(
      names = "--host",
      description =
          "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for all).")
  String host = "127.0.0.1";

  @Option(
      names = "--model",
      description = "RACRec model folder (default: the quickstart's, racrec-work/model).")
  Path model;

  @Option(
      names = "--catalog",
      description = "Catalog of that model (default: the quickstart's, racrec-work/catalog.rcat).")
  Path catalog;

  @Option(names = "--max-reviews", description = "Reviews per request (default: 20).")
  int maxReviews = ServiceLimits.defaults().maxReviews();

  @Option(names = "--max-review-chars", description = "Characters per review (default: 5000).")
  int maxReviewChars = ServiceLimits.defaults().maxReviewChars();

  @Option(
      names = "--workers",
      description = "Recommendations computed at once (default: one per processor).")
  int workers = ServiceLimits.defaults().workers();

  @Option(
      names = "--queue-wait-ms",
      description = "How long a request waits for a worker before 503 (default: 2000).")
  long queueWaitMs = ServiceLimits.defaults().queueWait().toMillis();

  @Option(
      names = "--admin-port",
      description =
          "Port of the admin listener on 127.0.0.1 (hot swap of model and catalog); 0 picks a free"
              + " one; off unless given.")
  int adminPort = -1;

  @Option(
      names = "--cors-origin",
      description = "The one origin allowed to call the API from a browser (default: none).")
  String corsOrigin;

  private final PrintStream out;

  ServeCommand() {
    this(System.out);
  }

  ServeCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() throws Exception {
    Path modelFolder = model != null ? model : QuickstartFiles.MODEL;
    Path catalogFile = catalog != null ? catalog : QuickstartFiles.CATALOG;
    if (model == null && catalog == null) {
      int code = QuickstartFiles.ensure(out);
      if (code != 0) {
        return code;
      }
    }
    ServiceLimits limits =
        new ServiceLimits(
            ServiceLimits.defaults().maxBodyBytes(),
            maxReviews,
            maxReviewChars,
            ServiceLimits.defaults().maxK(),
            workers,
            Duration.ofMillis(queueWaitMs));
    ServingFiles files = new ServingFiles();
    try (LiveModels models = new LiveModels(files.load(modelFolder, catalogFile));
        RecommendationServer server =
            RecommendationServer.start(
                new InetSocketAddress(host, port),
                models,
                limits,
                Optional.ofNullable(corsOrigin));
        AdminServer admin =
            adminPort < 0 ? null : AdminServer.start(adminPort, models, files::load)) {
      out.printf(
          "racrec is serving on http://%s:%d/ (scan kernel: %s; Ctrl-C stops it)%n",
          host, server.port(), models.info().get("scanKernel"));
      if (admin != null) {
        out.printf(
            "admin (loopback only): POST http://127.0.0.1:%d/admin/swap {\"model\": DIR,"
                + " \"catalog\": FILE}%n",
            admin.port());
      }
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "racrec-stop"));
      stopped.await();
    }
    return 0;
  }
}
