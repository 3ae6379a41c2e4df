/**
 * The stable contract of racrec: what every backend implements and every user programs against.
 *
 * <p>racrec recommends items of one domain (the <em>target</em>, e.g. music) to a person known only
 * by reviews in another domain (the <em>source</em>, e.g. movies). The pipeline has three
 * replaceable parts, each an interface here:
 *
 * <ul>
 *   <li>{@link io.github.racrec.api.Encoder} turns review texts into vectors;
 *   <li>{@link io.github.racrec.api.CatalogIndex} holds one vector per target item and finds the
 *       best-scoring items for a query vector;
 *   <li>{@link io.github.racrec.api.Recommender} ties them together: a user's source-domain reviews
 *       in, ranked {@link io.github.racrec.api.Recommendation}s out.
 * </ul>
 *
 * <p>This package has no dependencies. Its value types are immutable records; its only exception is
 * the unchecked {@link io.github.racrec.api.RacrecException}, which carries an {@link
 * io.github.racrec.api.ErrorCode}. Methods never return {@code null}.
 *
 * <p><b>Ownership.</b> Objects that hold native resources (model sessions, tokenizers, mapped
 * files) are {@link java.lang.AutoCloseable}: whoever creates one closes it. A {@code Recommender}
 * built from an encoder and an index documents whether it takes ownership of them.
 */
package io.github.racrec.api;
