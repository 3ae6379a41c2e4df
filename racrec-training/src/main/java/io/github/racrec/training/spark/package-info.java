/**
 * racrec on Apache Spark: Amazon review files read and encoded across executors, catalogs built
 * from the resulting review vectors, and top-k recommendations for a table of users, all with the
 * library's own classes (the same parser, encoder, item tower, catalog format and recommender as on
 * one machine).
 *
 * <p>Spark is a {@code provided} dependency: the application runs inside the user's Spark 4.2
 * (Scala 2.13). Each executor JVM opens one encoder, one model and one catalog, shared by its tasks
 * and closed when the JVM exits ({@link io.github.racrec.training.spark.ExecutorResources}).
 * docs/spark.md says how to submit the jobs.
 */
package io.github.racrec.training.spark;
