package io.impetus.queue.internal.journal;

import static io.impetus.testing.Jobs.aJob;

import io.impetus.core.job.JobOutcome;
import io.impetus.core.job.JobSpec;
import io.impetus.queue.internal.journal.JournalRecord.DataPut;
import io.impetus.queue.internal.journal.JournalRecord.StreamCreated;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builders and comparable views of journal records and images, for the journal's tests. */
final class Records {

  private Records() {}

  static JobSpec job(String id) {
    return job(id, 0);
  }

  static JobSpec job(String id, long delayMillis) {
    return aJob(id).delay(delayMillis).build();
  }

  static JobOutcome ok(String id) {
    return new JobOutcome(id, 1, new byte[] {1}, null, 0, 0, "n", "n/1");
  }

  /** The records that rebuild an image, as a snapshot holds them. */
  static List<JournalRecord> render(StateImage image) {
    List<JournalRecord> records = new ArrayList<>();
    for (StateImage.StreamImage stream : image.streams()) {
      records.add(new StreamCreated(stream.id(), stream.properties()));
      stream.data().forEach((key, value) -> records.add(new DataPut(stream.id(), key, value)));
      records.addAll(stream.jobs());
    }
    return records;
  }

  static StateImage replay(List<JournalRecord> records) {
    StateImage image = new StateImage();
    records.forEach(image::apply);
    return image;
  }

  /**
   * A comparable description of an image: per stream its properties, data (as strings) and its
   * jobs in submission order with their not-before time, attempts and whether they finished.
   */
  static Map<String, String> describe(StateImage image) {
    Map<String, String> description = new TreeMap<>();
    for (StateImage.StreamImage stream : image.streams()) {
      StringBuilder text = new StringBuilder(new TreeMap<>(stream.properties()).toString());
      Map<String, String> data = new TreeMap<>();
      stream.data().forEach((key, value) -> data.put(key, Arrays.toString(value)));
      text.append(' ').append(data);
      stream.jobs().stream()
          .sorted(Comparator.comparingLong(JournalRecord.JobImage::seq))
          .forEach(job -> text.append(' ').append(job.spec().id()).append('@')
              .append(job.notBeforeMillis()).append('x').append(job.attempts())
              .append(job.outcome() == null ? "" : "!"));
      description.put(stream.id(), text.toString());
    }
    return description;
  }
}
