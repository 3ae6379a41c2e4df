/**
 * Reading review data: Amazon review and metadata files of the 2014, 2018 and 2023 releases,
 * streamed, with bad lines counted by reason.
 */
package io.github.racrec.training.data;
