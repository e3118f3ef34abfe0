package dev.bulwark.ratelimit;

import static dev.bulwark.ratelimit.internal.Checks.requireArgument;
import static dev.bulwark.ratelimit.internal.Checks.requireNonNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.ratelimit.internal.PolicyProperties;
import dev.bulwark.ratelimit.memory.MemoryRateLimitStore;
import dev.bulwark.ratelimit.spi.RateLimitStore;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Named policies over one store, changeable while the server runs.
 *
 * <pre>{@code
 * RateLimiterRegistry registry = RateLimiterRegistry.builder()
 *     .presets()                                   // registration, pin, messages, ...
 *     .properties(config)                          // bulwark.ratelimit.login.limits = 5 per PT1M
 *     .build();
 * RateLimiter registration = registry.limiter("registration");
 * if (!registration.tryAcquire(RateLimitKey.phone(number))) { ... }
 * }</pre>
 *
 * <p>A {@link RateLimiter} from {@link #limiter(String)} reads its policy on every call, so after
 * {@link #reconfigure(RatePolicy)} the next call anywhere uses the new policy. Key state carries
 * over as time: a key that had used its burst waits out the same debt under the new policy, capped
 * at the new policy's burst window. While a reconfiguration is in flight, a concurrent call may
 * still be decided by the old version. This class is thread-safe.
 */
public final class RateLimiterRegistry {

  /** The prefix of the properties read by {@link Builder#properties(Map)}. */
  public static final String PROPERTY_PREFIX = "bulwark.ratelimit.";

  private final RateLimitStore store;
  private final Supplier<RateLimitStore> fallback;
  private final ConcurrentHashMap<String, RateLimiter> limiters = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, PolicySlot> slots = new ConcurrentHashMap<>();

  private RateLimiterRegistry(Builder b) {
    this.store =
        b.store != null ? b.store : MemoryRateLimitStore.builder().ticker(b.ticker).build();
    this.fallback = PolicySlot.lazyFallback(b.ticker);
    b.policies.values().forEach(this::register);
  }

  /** Returns a builder; with nothing set, the registry is empty and uses an in-memory store. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the limiter of the policy called {@code name}; always the same instance for a name.
   *
   * @throws IllegalArgumentException if no such policy is registered
   */
  public RateLimiter limiter(String name) {
    requireNonNull(name, "name");
    RateLimiter limiter = limiters.get(name);
    requireArgument(limiter != null, "no rate policy named '%s' is registered", name);
    return limiter;
  }

  /** Returns the current version of the policy called {@code name}, if registered. */
  public Optional<RatePolicy> policy(String name) {
    PolicySlot slot = slots.get(requireNonNull(name, "name"));
    return slot == null ? Optional.empty() : Optional.of(slot.policy);
  }

  /** The names of all registered policies, sorted. */
  public Set<String> policyNames() {
    return new TreeSet<>(slots.keySet());
  }

  /** The store every limiter of this registry uses. */
  public RateLimitStore store() {
    return store;
  }

  /**
   * Adds a policy under its name.
   *
   * @throws IllegalArgumentException if a policy of that name is already registered
   */
  public synchronized void register(RatePolicy policy) {
    requireNonNull(policy, "policy");
    requireArgument(
        !slots.containsKey(policy.name()),
        "a rate policy named '%s' is already registered",
        policy.name());
    PolicySlot slot = new PolicySlot(policy);
    slots.put(policy.name(), slot);
    limiters.put(policy.name(), new RateLimiter(slot, store, fallback));
  }

  /**
   * Replaces the policy of the same name; the next call of any of its limiters uses it.
   *
   * @throws IllegalArgumentException if no policy of that name is registered
   */
  public synchronized void reconfigure(RatePolicy policy) {
    requireNonNull(policy, "policy");
    PolicySlot slot = slots.get(policy.name());
    requireArgument(slot != null, "no rate policy named '%s' is registered", policy.name());
    slot.policy = policy;
  }

  /**
   * Reads policies from properties (see {@link Builder#properties(Map)}) and applies them all:
   * existing names are reconfigured, new names registered. Either every policy is valid and all are
   * applied, or an {@link IllegalArgumentException} names the first bad property and nothing
   * changes. A policy keeps its key privacy when reconfigured this way (secrets do not live in
   * properties).
   */
  public synchronized void reconfigure(Map<String, String> properties) {
    Map<String, RatePolicy> parsed =
        PolicyProperties.parse(requireNonNull(properties, "properties"), PROPERTY_PREFIX);
    for (RatePolicy policy : parsed.values()) {
      PolicySlot slot = slots.get(policy.name());
      if (slot == null) {
        register(policy);
      } else {
        slot.policy = policy.toBuilder().keyPrivacy(slot.policy.keyPrivacy()).build();
      }
    }
  }

  @Override
  public String toString() {
    return "RateLimiterRegistry" + policyNames();
  }

  /** Builds a {@link RateLimiterRegistry}. */
  public static final class Builder {
    private RateLimitStore store;
    private Ticker ticker = Ticker.system();
    private final Map<String, RatePolicy> policies = new LinkedHashMap<>();

    private Builder() {}

    /** Sets the store; an in-memory store by default. */
    @CanIgnoreReturnValue
    public Builder store(RateLimitStore store) {
      this.store = requireNonNull(store, "store");
      return this;
    }

    /**
     * Sets the time source of the default in-memory store and of the local fallback store; {@link
     * Ticker#system()} by default. A store set with {@link #store} keeps its own time.
     */
    @CanIgnoreReturnValue
    public Builder ticker(Ticker ticker) {
      this.ticker = requireNonNull(ticker, "ticker");
      return this;
    }

    /** Adds a policy; a later policy of the same name replaces an earlier one. */
    @CanIgnoreReturnValue
    public Builder policy(RatePolicy policy) {
      requireNonNull(policy, "policy");
      policies.put(policy.name(), policy);
      return this;
    }

    /** Adds policies; a later policy of the same name replaces an earlier one. */
    @CanIgnoreReturnValue
    public Builder policies(Collection<RatePolicy> all) {
      requireNonNull(all, "policies").forEach(this::policy);
      return this;
    }

    /** Adds every {@link PolicyPresets preset}. */
    @CanIgnoreReturnValue
    public Builder presets() {
      return policies(PolicyPresets.all());
    }

    /**
     * Adds the policies described by properties under {@link #PROPERTY_PREFIX}:
     *
     * <pre>
     * bulwark.ratelimit.login.limits       = 5 per PT1M, 100 per P1D
     * bulwark.ratelimit.login.failure-mode = fail-closed
     * </pre>
     *
     * A limit is {@code <permits> per <ISO-8601 period>}: a burst of that many permits, refilled
     * evenly over the period ({@link RateLimit#per}). Several limits, separated by commas, must all
     * pass. Failure modes: {@code fail-open}, {@code fail-closed} (the default), {@code
     * local-fallback}. Other properties under the prefix are rejected.
     *
     * @throws IllegalArgumentException naming the first bad property
     */
    @CanIgnoreReturnValue
    public Builder properties(Map<String, String> properties) {
      return policies(
          PolicyProperties.parse(requireNonNull(properties, "properties"), PROPERTY_PREFIX)
              .values());
    }

    /** Like {@link #properties(Map)}, from {@link Properties}. */
    @CanIgnoreReturnValue
    public Builder properties(Properties properties) {
      Map<String, String> map = new LinkedHashMap<>();
      requireNonNull(properties, "properties")
          .stringPropertyNames()
          .forEach(k -> map.put(k, properties.getProperty(k)));
      return properties(map);
    }

    /** Returns the registry. */
    public RateLimiterRegistry build() {
      return new RateLimiterRegistry(this);
    }
  }
}
