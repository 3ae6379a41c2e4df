/** Building catalogs of item vectors from item reviews. */
package io.github.racrec.training.catalog;
