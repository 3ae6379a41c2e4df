/** Runnable programs that show racrec end to end: the {@code racrec} command line. */
package io.github.racrec.examples;
