package io.github.racrec.examples;

import io.github.racrec.api.Recommender;
import io.github.racrec.examples.web.LiveModels;
import io.github.racrec.examples.web.RecommendationServer;
import io.github.racrec.examples.web.ServiceLimits;
import io.github.racrec.onnx.OnnxTextEncoder;
import io.github.racrec.onnx.RacRecTowers;
import io.github.racrec.onnx.catalog.ExactCatalogIndex;
import io.github.racrec.onnx.serving.ServingSet;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The HTTP service as {@code serve} wires it (a {@link ServingSet} made by {@link
 * ServingSet#racrec}, behind {@link LiveModels}) on a free loopback port, serving the trained demo
 * model.
 */
final class WebServiceFixture implements AutoCloseable {
  final OnnxTextEncoder encoder;
  final RacRecTowers towers;
  final ExactCatalogIndex catalog;
  final Recommender recommender;
  final LiveModels models;
  final RecommendationServer server;

  WebServiceFixture(ServiceLimits limits) throws IOException {
    Path dir = DemoModel.workDir();
    encoder = OnnxTextEncoder.builder().build();
    towers = RacRecTowers.open(dir.resolve("model"));
    catalog = ExactCatalogIndex.open(dir.resolve("catalog.rcat"));
    ServingSet set = ServingSet.racrec("set-1", encoder, towers, catalog);
    recommender = set.recommender();
    models =
        new LiveModels(
            new LiveModels.Loaded(
                set,
                ServingFiles.info(
                    encoder, towers, catalog, dir.resolve("model"), dir.resolve("catalog.rcat"))));
    server =
        RecommendationServer.start(
            new InetSocketAddress("127.0.0.1", 0), models, limits, Optional.empty());
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  @Override
  public void close() {
    server.close();
    models.close();
  }
}
