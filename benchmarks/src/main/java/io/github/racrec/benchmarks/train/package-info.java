/** Benchmarks of RACRec training. */
package io.github.racrec.benchmarks.train;
