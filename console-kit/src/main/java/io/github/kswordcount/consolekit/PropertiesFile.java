package io.github.kswordcount.consolekit;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Reads a properties file a console tool is pointed at ({@code --producer.config}, {@code --reader-config},
 * {@code --consumer.config}, {@code --formatter-config}), with {@link Properties#load(Reader)}'s unescaping,
 * as Kafka's tools read them, but as UTF-8 and with a one-line error instead of a stack trace.
 */
public final class PropertiesFile {

  private PropertiesFile() {}

  /**
   * Reads the file.
   *
   * @param file the path as given on the command line
   * @return the entries
   * @throws UsageException (alone) {@code properties file '<file>' does not exist}, or
   *     {@code cannot read properties file '<file>': <reason>}
   */
  public static Map<String, String> read(String file) {
    Path path = Path.of(file);
    Properties props = new Properties();
    try (InputStream in = Files.newInputStream(path);
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      props.load(reader);
    } catch (NoSuchFileException e) {
      throw UsageException.alone("properties file '" + path + "' does not exist");
    } catch (IOException | IllegalArgumentException e) {
      throw UsageException.alone("cannot read properties file '" + path + "': " + e.getMessage());
    }
    Map<String, String> entries = new LinkedHashMap<>();
    props.stringPropertyNames().forEach(k -> entries.put(k, props.getProperty(k)));
    return entries;
  }
}
