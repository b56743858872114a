package io.github.kswordcount.consolekit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShutdownHookTest {

  @Test
  void anInstalledHookCanBeRemovedOnceAndADisabledOneIsNothing() {
    Thread[] created = new Thread[1];
    ShutdownHook hook = ShutdownHook.install(true, "test-shutdown", () -> created[0] = Thread.currentThread());
    hook.remove();
    hook.remove();
    ShutdownHook.install(false, "never", () -> { }).remove();
    assertThat(created[0]).isNull();
  }
}
