/** Evaluation: cold-start splits, metrics and protocols that keep hidden reviews hidden. */
package io.github.racrec.training.eval;
