/**
 * Contract tests for the api interfaces, shipped in racrec-api's test-jar: each backend's tests
 * extend them so that every implementation is held to the same behaviour.
 */
package io.github.racrec.api.contract;
