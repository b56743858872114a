package io.github.kswordcount.consolekit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J backend of the console tools: every log line on stderr as {@code [date] LEVEL message (logger)}, the
 * layout of Kafka's {@code tools-log4j.properties}. It replaces log4j2 there because log4j2's start-up (about a
 * thousand classes, its XML configuration) cost more than any other single step of a short run of a tool.
 *
 * <p>A tool enables it with a {@code META-INF/services/org.slf4j.spi.SLF4JServiceProvider} file naming this class,
 * and sets its levels in {@code console-logging.properties} at the root of its class path: {@code root=WARN} and
 * one {@code <logger name or package>=LEVEL} per line ({@code TRACE}, {@code DEBUG}, {@code INFO}, {@code WARN},
 * {@code ERROR} or {@code OFF}); the longest matching name wins. A system property
 * {@code console.log.<name>=LEVEL} (e.g. {@code -Dconsole.log.org.apache.kafka=DEBUG}) overrides a line.
 */
public final class StderrLogging implements SLF4JServiceProvider {

  /** The levels' resource, at the class path's root. */
  public static final String CONFIG_RESOURCE = "console-logging.properties";
  /** The prefix of the system properties that override the resource's levels. */
  public static final String PROPERTY_PREFIX = "console.log.";

  private volatile Factory factory;
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new NOPMDCAdapter();

  @Override
  public ILoggerFactory getLoggerFactory() {
    return factory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {
    factory = new Factory(levels(readResource(), System.getProperties()));
  }

  /**
   * The configured levels by logger name ({@code root} for the default), system properties over the resource.
   *
   * @param resource the resource's lines
   * @param system the system properties
   * @return the levels; {@code null} stands for {@code OFF}
   */
  static Map<String, Level> levels(Properties resource, Properties system) {
    Map<String, String> names = new TreeMap<>();
    resource.stringPropertyNames().forEach(name -> names.put(name, resource.getProperty(name)));
    system.stringPropertyNames().stream().filter(name -> name.startsWith(PROPERTY_PREFIX))
        .forEach(name -> names.put(name.substring(PROPERTY_PREFIX.length()), system.getProperty(name)));
    Map<String, Level> levels = new TreeMap<>();
    names.putIfAbsent("root", "WARN");
    names.forEach((name, level) -> levels.put(name, level(name, level)));
    return levels;
  }

  private static Level level(String name, String value) {
    String level = value.trim().toUpperCase(Locale.ROOT);
    if (level.equals("OFF")) {
      return null;
    }
    try {
      return Level.valueOf(level);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("log level '" + value + "' of '" + name + "' is invalid: use TRACE, DEBUG, "
          + "INFO, WARN, ERROR or OFF", e);
    }
  }

  private static Properties readResource() {
    Properties properties = new Properties();
    try (InputStream in = StderrLogging.class.getClassLoader().getResourceAsStream(CONFIG_RESOURCE)) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + CONFIG_RESOURCE, e);
    }
    return properties;
  }

  /** One logger per name, each with the level of the longest configured name that is its own or a parent's. */
  private static final class Factory implements ILoggerFactory {
    private final Map<String, Level> levels;
    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();

    Factory(Map<String, Level> levels) {
      this.levels = levels;
    }

    @Override
    public Logger getLogger(String name) {
      return loggers.computeIfAbsent(name, n -> new StderrLogger(n, threshold(levels, n)));
    }
  }

  /**
   * The level a logger logs at and above: that of its own name, else of the nearest parent name, else root's.
   *
   * @param levels the configured levels, as {@link #levels} returns them
   * @param name the logger's name, e.g. {@code org.apache.kafka.clients.NetworkClient}
   * @return the level's {@code toInt()}, or {@link Integer#MAX_VALUE} for {@code OFF}
   */
  static int threshold(Map<String, Level> levels, String name) {
    String key = name;
    while (!levels.containsKey(key)) {
      int dot = key.lastIndexOf('.');
      if (dot < 0) {
        key = "root";
        break;
      }
      key = key.substring(0, dot);
    }
    Level level = levels.get(key);
    return level == null ? Integer.MAX_VALUE : level.toInt();
  }
}
