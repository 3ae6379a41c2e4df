/** Support for reports: where and on what a result was obtained. */
package io.github.racrec.training.report;
