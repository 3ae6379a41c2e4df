/**
 * The racrec Spark jobs, for {@code spark-submit}: {@link io.github.racrec.examples.spark.SparkJob}
 * (encode, catalog, recommend) and the {@code local-cluster} benchmark {@link
 * io.github.racrec.examples.spark.SparkScaling}. See docs/spark.md.
 */
package io.github.racrec.examples.spark;
