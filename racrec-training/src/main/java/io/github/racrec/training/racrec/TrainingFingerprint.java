package io.github.racrec.training.racrec;

import io.github.racrec.training.eval.EvalData.TrainUser;
import io.github.racrec.training.eval.TrainingData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** A SHA-256 over everything a model was trained on: catalog, training and validation users. */
final class TrainingFingerprint {
  private TrainingFingerprint() {}

  static String of(TrainingData data) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    for (int i = 0; i < data.catalog().size(); i++) {
      sha.update(data.catalog().itemIds().get(i).getBytes(StandardCharsets.UTF_8));
      floats(sha, data.catalog().vectors()[i]);
    }
    for (List<TrainUser> users : List.of(data.trainUsers(), data.validationUsers())) {
      sha.update((byte) '|');
      for (TrainUser user : users) {
        sha.update(user.profile().userId().getBytes(StandardCharsets.UTF_8));
        floats(sha, user.profile().sourceMean());
        floats(sha, user.targetMean());
        floats(sha, user.targetRatings());
        ByteBuffer items =
            ByteBuffer.allocate(4 * user.targetItems().length).order(ByteOrder.LITTLE_ENDIAN);
        items.asIntBuffer().put(user.targetItems());
        sha.update(items.array());
      }
    }
    return "sha256:" + HexFormat.of().formatHex(sha.digest());
  }

  private static void floats(MessageDigest sha, float[] values) {
    ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(values);
    sha.update(bytes.array());
  }
}
