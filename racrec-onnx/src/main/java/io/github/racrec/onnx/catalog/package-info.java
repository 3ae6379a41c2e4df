/**
 * Item catalogs: the file format ({@link io.github.racrec.onnx.catalog.CatalogWriter}, {@link
 * io.github.racrec.onnx.catalog.CatalogFile}) and the exact top-k index over it ({@link
 * io.github.racrec.onnx.catalog.ExactCatalogIndex}).
 *
 * <p>A catalog holds one vector per target-domain item together with its id and title, and records
 * the fingerprint of the model that made the vectors, so that a catalog cannot silently be used
 * with another model.
 */
package io.github.racrec.onnx.catalog;
