/** Test support shared by all modules through racrec-api's test-jar. */
package io.github.racrec.testing;
