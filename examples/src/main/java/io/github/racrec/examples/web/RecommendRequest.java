package io.github.racrec.examples.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.racrec.onnx.internal.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * A checked {@code POST /api/recommend} body: {@code {"reviews": ["...", ...], "k": 10}}, with
 * {@code k} optional (default 10). Every rule broken is an {@link ApiException} with its own code.
 *
 * @param reviews the review texts, in the order given
 * @param k how many recommendations
 */
record RecommendRequest(List<String> reviews, int k) {
  static final int DEFAULT_K = 10;

  static RecommendRequest parse(String body, ServiceLimits limits) {
    JsonNode object;
    try {
      object = Json.reader().readTree(body);
    } catch (JsonProcessingException e) {
      throw new ApiException(
          400, "INVALID_JSON", "the body is not valid JSON: " + e.getOriginalMessage());
    }
    if (object == null || !object.isObject()) {
      throw new ApiException(400, "INVALID_JSON", "the body must be a JSON object");
    }
    JsonNode array = object.get("reviews");
    if (array == null || array.isNull()) {
      throw new ApiException(
          400, "MISSING_FIELD", "the field \"reviews\" (a list of review texts) is missing");
    }
    if (!array.isArray()) {
      throw new ApiException(400, "INVALID_FIELD", "\"reviews\" must be a list of strings");
    }
    if (array.isEmpty()) {
      throw new ApiException(400, "EMPTY_REVIEWS", "\"reviews\" is empty: give at least one");
    }
    if (array.size() > limits.maxReviews()) {
      throw new ApiException(
          400,
          "TOO_MANY_REVIEWS",
          "at most " + limits.maxReviews() + " reviews per request, got " + array.size());
    }
    List<String> reviews = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonNode element = array.get(i);
      if (!element.isTextual()) {
        throw new ApiException(400, "INVALID_FIELD", "review " + i + " is not a string");
      }
      String text = element.textValue();
      if (text.isBlank()) {
        throw new ApiException(400, "EMPTY_REVIEW", "review " + i + " is empty");
      }
      if (text.length() > limits.maxReviewChars()) {
        throw new ApiException(
            400,
            "REVIEW_TOO_LONG",
            "review "
                + i
                + " has "
                + text.length()
                + " characters; at most "
                + limits.maxReviewChars()
                + " are accepted");
      }
      reviews.add(text);
    }
    return new RecommendRequest(reviews, readK(object.get("k"), limits));
  }

  private static int readK(JsonNode field, ServiceLimits limits) {
    if (field == null || field.isNull()) {
      return Math.min(DEFAULT_K, limits.maxK());
    }
    if (!field.isNumber()) {
      throw new ApiException(400, "INVALID_FIELD", "\"k\" must be a whole number");
    }
    double value = field.doubleValue();
    if (value != Math.rint(value) || value < 1 || value > limits.maxK()) {
      throw new ApiException(
          400, "INVALID_FIELD", "\"k\" must be a whole number from 1 to " + limits.maxK());
    }
    return (int) value;
  }
}
