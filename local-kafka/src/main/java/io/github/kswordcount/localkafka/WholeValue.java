package io.github.kswordcount.localkafka;

import com.beust.jcommander.converters.IParameterSplitter;
import java.util.List;

/**
 * Keeps a repeatable option's value whole. JCommander splits list values at commas by default, which would cut
 * {@code --config cleanup.policy=compact,delete}, a principal such as {@code User:CN=a,OU=b} or a password.
 */
final class WholeValue implements IParameterSplitter {

  /** Called by JCommander. */
  public WholeValue() {
  }

  @Override
  public List<String> split(String value) {
    return List.of(value);
  }
}
