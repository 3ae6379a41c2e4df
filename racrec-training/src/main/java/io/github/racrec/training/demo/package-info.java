/**
 * Deterministic demo data in the Amazon 2023 format: a movie and a music domain with a planted
 * cross-domain link, for the quickstart, tests and benchmarks.
 */
package io.github.racrec.training.demo;
