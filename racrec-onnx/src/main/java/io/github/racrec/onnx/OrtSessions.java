package io.github.racrec.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens ONNX Runtime sessions on the requested device, falling back to the CPU with a logged reason
 * when CUDA cannot be used. All sessions share the JVM's one {@link OrtEnvironment}.
 */
final class OrtSessions {
  private static final Logger LOG = LoggerFactory.getLogger(OrtSessions.class);
  private static final String CUDA_HOW_TO =
      "To run on CUDA, replace com.microsoft.onnxruntime:onnxruntime by onnxruntime_gpu of the"
          + " same version (racrec's -Pcuda build profile does this) on a machine with an NVIDIA"
          + " GPU, CUDA 12 and cuDNN 9.";

  private OrtSessions() {}

  /** Creates a session from a model held somewhere; ONNX Runtime's own exception passes through. */
  @FunctionalInterface
  interface SessionCreator {
    OrtSession create(OrtEnvironment environment, SessionOptions options) throws OrtException;
  }

  /** A session with the options it was made with (they must outlive it) and where it runs. */
  record OpenSession(OrtSession session, SessionOptions options, Device device)
      implements AutoCloseable {
    @Override
    public void close() {
      try {
        session.close();
      } catch (OrtException e) {
        LOG.warn("Closing an ONNX Runtime session failed: {}", e.getMessage());
      } finally {
        options.close();
      }
    }
  }

  static OrtEnvironment environment() {
    return OrtEnvironment.getEnvironment();
  }

  /**
   * Opens a session on {@code requested}, or on the CPU when CUDA is requested but unusable.
   *
   * @param modelName the model's name, for messages
   * @param intraOpThreads threads per inference call; 0 leaves ONNX Runtime's default
   */
  static OpenSession open(
      String modelName,
      SessionCreator creator,
      Device requested,
      int cudaDeviceId,
      int intraOpThreads) {
    OrtEnvironment environment = environment();
    if (requested == Device.CUDA) {
      String reason;
      if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
        reason =
            "this ONNX Runtime build has no CUDA provider (it has "
                + OrtEnvironment.getAvailableProviders()
                + ")";
      } else {
        SessionOptions options = baseOptions(intraOpThreads);
        try {
          options.addCUDA(cudaDeviceId);
          OrtSession session = creator.create(environment, options);
          LOG.info("Running {} on CUDA device {}", modelName, cudaDeviceId);
          return new OpenSession(session, options, Device.CUDA);
        } catch (OrtException | RuntimeException e) {
          options.close();
          reason = "CUDA device " + cudaDeviceId + " could not be used (" + e.getMessage() + ")";
        }
      }
      LOG.warn(
          "CUDA was requested for {} but {}; running on the CPU instead. {}",
          modelName,
          reason,
          CUDA_HOW_TO);
    }
    SessionOptions options = baseOptions(intraOpThreads);
    try {
      return new OpenSession(creator.create(environment, options), options, Device.CPU);
    } catch (OrtException | RuntimeException e) {
      options.close();
      throw new RacrecException(
          ErrorCode.MODEL_INVALID,
          "ONNX Runtime cannot load the model "
              + modelName
              + ": "
              + e.getMessage()
              + ". Check that the file is a complete ONNX export.",
          e);
    }
  }

  /** Opens a session of a graph with float inputs and outputs, such as the RACRec towers. */
  static FloatSession openFloat(String name, byte[] model, Device device) {
    return new FloatSession(
        open(
            name,
            (environment, options) -> environment.createSession(model, options),
            device,
            0,
            0),
        name);
  }

  /**
   * A session whose inputs and outputs are all float tensors: inputs by name with their shapes,
   * outputs handed to a reader as flat buffers by name.
   */
  static final class FloatSession implements AutoCloseable {
    private final OpenSession open;
    private final String name;

    FloatSession(OpenSession open, String name) {
      this.open = open;
      this.name = name;
    }

    <T> T run(
        Map<String, long[]> shapes,
        Map<String, float[]> values,
        Function<Map<String, FloatBuffer>, T> reader) {
      OrtEnvironment environment = environment();
      Map<String, OnnxTensor> inputs = new HashMap<>();
      try {
        for (Map.Entry<String, float[]> value : values.entrySet()) {
          inputs.put(
              value.getKey(),
              OnnxTensor.createTensor(
                  environment, FloatBuffer.wrap(value.getValue()), shapes.get(value.getKey())));
        }
        try (OrtSession.Result result = open.session().run(inputs)) {
          Map<String, FloatBuffer> outputs = new HashMap<>();
          for (Map.Entry<String, OnnxValue> output : result) {
            outputs.put(output.getKey(), ((OnnxTensor) output.getValue()).getFloatBuffer());
          }
          return reader.apply(outputs);
        }
      } catch (OrtException e) {
        throw new RacrecException(
            ErrorCode.INFERENCE_FAILED,
            "ONNX Runtime failed to run " + name + ": " + e.getMessage(),
            e);
      } finally {
        inputs.values().forEach(OnnxTensor::close);
      }
    }

    Device device() {
      return open.device();
    }

    @Override
    public void close() {
      open.close();
    }
  }

  private static SessionOptions baseOptions(int intraOpThreads) {
    SessionOptions options = new SessionOptions();
    try {
      if (intraOpThreads > 0) {
        options.setIntraOpNumThreads(intraOpThreads);
      }
      return options;
    } catch (OrtException e) {
      options.close();
      throw new RacrecException(
          ErrorCode.INVALID_ARGUMENT, "bad ONNX Runtime thread setting: " + e.getMessage(), e);
    }
  }
}
