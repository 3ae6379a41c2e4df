/**
 * Baselines for cold-start cross-domain recommendation: global mean, item mean, popularity, content
 * cosine, an EMCDR-style linear mapping, a random ranking and (on generated data) the oracle.
 */
package io.github.racrec.training.eval.models;
