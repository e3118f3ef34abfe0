package dev.bulwark.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The demo's command line: {@code --redis} takes only a Redis URI, and never echoes it. */
class DemoOptionsTest {

  @Test
  void acceptsTheDocumentedOptions() {
    Demo.Options o =
        Demo.parse("--redis", "redis://127.0.0.1:6390", "--report", "table.md", "--serve");
    assertThat(o.redis()).isEqualTo(URI.create("redis://127.0.0.1:6390"));
    assertThat(o.report()).isEqualTo(Path.of("table.md"));
    assertThat(o.serve()).isTrue();
    assertThat(Demo.parse().redis()).isNull();
    assertThat(Demo.parse("--redis", "rediss://localhost:6380/2").redis()).isNotNull();
  }

  @Test
  void refusesBadRedisUrisWithAClearMessageThatDoesNotRepeatThem() {
    String[] bad = {
      "127.0.0.1:6379",
      "http://127.0.0.1:6379",
      "redis://127.0.0.1",
      "redis://127.0.0.1:99999",
      "redis://:s3cret-pw@127.0.0.1",
      "redis://127.0.0.1:6379/not-a-db",
      "redis://[::1:6379",
      "",
    };
    for (String uri : bad) {
      assertThatIllegalArgumentException()
          .as(uri)
          .isThrownBy(() -> Demo.parse("--redis", uri))
          .withMessageStartingWith("--redis")
          .withMessageContaining("redis://127.0.0.1:6379")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
    }
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Demo.parse("--redis"))
        .withMessageContaining("needs a URI");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Demo.parse("--bogus"))
        .withMessage("unknown argument: --bogus");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Demo.parse("--redis=redis://:s3cret-pw@127.0.0.1:6379"))
        .withMessage("unknown argument: (not shown)");
  }
}
