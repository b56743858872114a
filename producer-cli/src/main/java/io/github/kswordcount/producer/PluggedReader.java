package io.github.kswordcount.producer;

import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A user's {@code --line-reader} class, as Kafka's tool takes it: an implementation of
 * {@code org.apache.kafka.tools.api.RecordReader} ({@code configure(Map)}, {@code readRecords(InputStream)},
 * {@code close()}). It is called through reflection so that the tool does not ship kafka-tools-api for an
 * option few use; the user puts the class and that API on the class path.
 */
final class PluggedReader implements RecordSource {

  static final String API = "org.apache.kafka.tools.api.RecordReader";

  private final Object reader;
  private final Method close;
  private final Iterator<?> records;
  private long count;

  private PluggedReader(Object reader, Method close, Iterator<?> records) {
    this.reader = reader;
    this.close = close;
    this.records = records;
  }

  /**
   * Loads, configures and starts a reader.
   *
   * @param className the class given to {@code --line-reader}
   * @param properties the reader properties, with {@code topic}
   * @param in the input
   * @return the source
   * @throws IllegalArgumentException when the class cannot be loaded or is not a {@code RecordReader}
   */
  static PluggedReader open(String className, Map<String, String> properties, InputStream in) {
    try {
      Class<?> type = Class.forName(className);
      Class<?> api = readerApi(type);
      Object reader = type.getDeclaredConstructor().newInstance();
      api.getMethod("configure", Map.class).invoke(reader, properties);
      Iterator<?> records = (Iterator<?>) api.getMethod("readRecords", InputStream.class).invoke(reader, in);
      return new PluggedReader(reader, api.getMethod("close"), records);
    } catch (InvocationTargetException e) {
      throw new IllegalArgumentException(className + ": " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new IllegalArgumentException("cannot load --line-reader " + className + ": " + e, e);
    }
  }

  private static Class<?> readerApi(Class<?> type) {
    Deque<Class<?>> todo = new ArrayDeque<>();
    todo.add(type);
    while (!todo.isEmpty()) {
      Class<?> current = todo.poll();
      if (current.getName().equals(API)) {
        return current;
      }
      todo.addAll(List.of(current.getInterfaces()));
      if (current.getSuperclass() != null) {
        todo.add(current.getSuperclass());
      }
    }
    // Kafka's message for a class of the wrong kind.
    throw new IllegalArgumentException("the reader must extend " + API);
  }

  @Override
  @SuppressWarnings("unchecked")
  public ProducerRecord<byte[], byte[]> next() {
    if (!records.hasNext()) {
      return null;
    }
    count++;
    return (ProducerRecord<byte[], byte[]>) records.next();
  }

  @Override
  public long position() {
    return count;
  }

  @Override
  public String unit() {
    return "record";
  }

  @Override
  public void close() {
    try {
      close.invoke(reader);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("closing the reader failed: " + e.getCause(), e);
    }
  }
}
