package io.github.racrec.examples;

import io.github.racrec.api.Recommender;
import io.github.racrec.examples.web.RecommendationServer;
import io.github.racrec.examples.web.ServiceLimits;
import io.github.racrec.onnx.OnnxTextEncoder;
import io.github.racrec.onnx.RacRecRecommender;
import io.github.racrec.onnx.RacRecTowers;
import io.github.racrec.onnx.catalog.ExactCatalogIndex;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;

/** The HTTP service on a free loopback port, serving the trained demo model. */
final class WebServiceFixture implements AutoCloseable {
  final OnnxTextEncoder encoder;
  final RacRecTowers towers;
  final ExactCatalogIndex catalog;
  final Recommender recommender;
  final RecommendationServer server;

  WebServiceFixture(ServiceLimits limits) throws IOException {
    var dir = DemoModel.workDir();
    encoder = OnnxTextEncoder.builder().build();
    towers = RacRecTowers.open(dir.resolve("model"));
    catalog = ExactCatalogIndex.open(dir.resolve("catalog.rcat"));
    recommender = RacRecRecommender.create(encoder, towers, catalog);
    server =
        RecommendationServer.start(
            new InetSocketAddress("127.0.0.1", 0),
            recommender,
            ServeCommand.info(encoder, towers, catalog, dir.resolve("model")),
            limits,
            Optional.empty());
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  @Override
  public void close() {
    server.close();
    recommender.close();
    catalog.close();
    towers.close();
    encoder.close();
  }
}
