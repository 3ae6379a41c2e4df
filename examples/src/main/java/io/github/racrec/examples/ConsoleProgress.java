package io.github.racrec.examples;

import io.github.racrec.api.Progress;
import io.github.racrec.api.ProgressListener;
import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Shows racrec's progress reports as a console progress bar (the progressbar library). */
final class ConsoleProgress implements ProgressListener, AutoCloseable {
  private final PrintStream stream;
  private ProgressBar bar;

  /** Draws the bar on {@code stream} (usually standard error, so that results can be piped). */
  ConsoleProgress(PrintStream stream) {
    this.stream = stream;
  }

  @Override
  public void onProgress(Progress progress) {
    // "task: detail" is a sub-task of the bar's task (a model fit inside an evaluation): it shows
    // as the bar's message instead of replacing the bar.
    if (bar != null && progress.task().startsWith(bar.getTaskName() + ": ")) {
      String detail = progress.task().substring(bar.getTaskName().length() + 2);
      String total = progress.totalKnown() ? Long.toString(progress.total()) : "?";
      bar.setExtraMessage(detail + ": " + progress.done() + "/" + total + " " + progress.unit());
      return;
    }
    if (bar != null
        && (!bar.getTaskName().equals(progress.task())
            || bar.getMax() != (progress.totalKnown() ? progress.total() : -1)
            || progress.done() < bar.getCurrent())) {
      close();
    }
    if (bar == null) {
      ProgressBarBuilder builder =
          new ProgressBarBuilder()
              .setTaskName(progress.task())
              .setInitialMax(progress.totalKnown() ? progress.total() : -1)
              .setUnit(" " + progress.unit(), 1)
              .setStyle(ProgressBarStyle.ASCII)
              .setConsumer(new ConsoleProgressBarConsumer(stream))
              .setUpdateIntervalMillis(250);
      if (!progress.unit().equals("fits")) {
        // A fit takes seconds to minutes: "0.0 fits/s" says nothing; epochs show instead.
        builder.showSpeed();
      }
      bar = builder.build();
    }
    bar.setExtraMessage("");
    bar.stepTo(progress.done());
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
