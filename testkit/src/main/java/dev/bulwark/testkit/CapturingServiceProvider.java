package dev.bulwark.testkit;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * An SLF4J provider for tests that records every event (logger name, level, formatted message and
 * any throwable), so tests can read audit events and check that no secret or raw identifier ever
 * reaches a log. A module enables it for its tests with a test resource {@code
 * META-INF/services/org.slf4j.spi.SLF4JServiceProvider} naming this class; the testkit does not
 * register it itself, so it never replaces a real logger by accident.
 */
public final class CapturingServiceProvider implements SLF4JServiceProvider {
  private static final Queue<String> EVENTS = new ConcurrentLinkedQueue<>();

  private final ILoggerFactory factory = Recorder::new;
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new BasicMDCAdapter();

  /** Every event so far, as {@code "logger LEVEL message [throwable]"}. */
  public static List<String> events() {
    return List.copyOf(EVENTS);
  }

  /** Forgets the events so far. */
  public static void clear() {
    EVENTS.clear();
  }

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
  public void initialize() {}

  /** Records at every level. */
  private static final class Recorder extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    Recorder(String name) {
      this.name = name;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level, Marker marker, String pattern, Object[] args, Throwable t) {
      String text = MessageFormatter.basicArrayFormat(pattern, args);
      EVENTS.add(name + " " + level + " " + text + (t == null ? "" : " " + t));
    }

    @Override
    public boolean isTraceEnabled() {
      return true;
    }

    @Override
    public boolean isDebugEnabled() {
      return true;
    }

    @Override
    public boolean isInfoEnabled() {
      return true;
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public boolean isErrorEnabled() {
      return true;
    }
  }
}
