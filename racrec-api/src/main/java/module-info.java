/**
 * racrec's dependency-free contracts: {@link io.github.racrec.api.Encoder}, {@link
 * io.github.racrec.api.CatalogIndex} and {@link io.github.racrec.api.Recommender}, with the values
 * they exchange and the exception they throw.
 */
module io.github.racrec.api {
  exports io.github.racrec.api;
}
