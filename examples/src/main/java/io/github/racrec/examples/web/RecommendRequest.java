package io.github.racrec.examples.web;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
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
    JsonElement root;
    try {
      root = JsonParser.parseString(body);
    } catch (JsonParseException e) {
      throw new ApiException(400, "INVALID_JSON", "the body is not valid JSON: " + e.getMessage());
    }
    if (!root.isJsonObject()) {
      throw new ApiException(400, "INVALID_JSON", "the body must be a JSON object");
    }
    JsonObject object = root.getAsJsonObject();
    JsonElement reviewsField = object.get("reviews");
    if (reviewsField == null || reviewsField.isJsonNull()) {
      throw new ApiException(
          400, "MISSING_FIELD", "the field \"reviews\" (a list of review texts) is missing");
    }
    if (!reviewsField.isJsonArray()) {
      throw new ApiException(400, "INVALID_FIELD", "\"reviews\" must be a list of strings");
    }
    JsonArray array = reviewsField.getAsJsonArray();
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
      JsonElement element = array.get(i);
      if (!(element instanceof JsonPrimitive primitive) || !primitive.isString()) {
        throw new ApiException(400, "INVALID_FIELD", "review " + i + " is not a string");
      }
      String text = primitive.getAsString();
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

  private static int readK(JsonElement field, ServiceLimits limits) {
    if (field == null || field.isJsonNull()) {
      return Math.min(DEFAULT_K, limits.maxK());
    }
    if (!(field instanceof JsonPrimitive primitive) || !primitive.isNumber()) {
      throw new ApiException(400, "INVALID_FIELD", "\"k\" must be a whole number");
    }
    double value = primitive.getAsDouble();
    if (value != Math.rint(value) || value < 1 || value > limits.maxK()) {
      throw new ApiException(
          400, "INVALID_FIELD", "\"k\" must be a whole number from 1 to " + limits.maxK());
    }
    return (int) value;
  }
}
