package dev.bulwark.groups;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.groups.internal.ChangeApplier;
import dev.bulwark.groups.internal.Checks;
import dev.bulwark.groups.internal.PublicKeyCache;
import dev.bulwark.groups.spi.GroupStore;
import dev.bulwark.groups.spi.MemberKeyDirectory;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The server side of groups: applies signed changes, keeps the change log and serves key packages.
 *
 * <p>{@link #apply(GroupChange)} does, in order: ask the {@link OperationGuard}; load the state;
 * verify the author's Ed25519 signature over the canonical encoding with the author's registered
 * key; require target version = current + 1 (else a {@link ApplyResult.Conflict} carrying the
 * current state, for members only); authorize and apply every action against the state as it
 * evolves through the change; validate the resulting state ({@link GroupState}'s invariants); check
 * key packages (a change that removes a member must open a new epoch with packages for exactly the
 * remaining members; any packages must be for exactly the resulting members and the next epoch);
 * chain and seal a log entry; and compare-and-set state, entry and packages in the {@link
 * GroupStore} in one atomic step. Any refusal leaves the store unchanged.
 *
 * <p>The log is hash-chained per entry; the server signs {@link SignedHead heads} lazily, when a
 * log page or head is read, one signature per group version read (cached), so an accepted change
 * costs one Ed25519 verification and no signature. Before extending the chain or signing a head,
 * the server checks the newest entry's {@link LogEntry#seal() seal}, so it never builds on or signs
 * an entry that was rewritten in the store ({@link LogIntegrityException}).
 *
 * <p><b>Rotating the server key.</b> A server built with a new {@code serverKey} and the keys it
 * replaces as {@link Builder#retiredServerKeys retired keys} ({@link RetiredServerKey}s: each old
 * key's seal key and public key, without its private seed) takes over the logs the old key sealed:
 * a group's newest entry is accepted if the current key or a retired key sealed it, while every
 * entry appended from then on is sealed, and every head signed, by the current key only, so members
 * verify every head this server hands out with the new {@link #serverPublicKey()}. The hash chain
 * does not depend on the key, so a member that trusts an old head's hash continues from it with
 * {@link ChangeLog#verify} unchanged. Retired keys vouch only for entries sealed before the
 * rotation; a group's newest entry moves to the current key with the group's next accepted change,
 * and {@link #retiredKeyNeededBy} tells the host which groups still depend on a retired key. A
 * retired key can be dropped once no group does. A retired key only checks seals, so the host can
 * destroy the old seed as soon as it has the retired form ({@link RetiredServerKey#of}, stored with
 * {@link RetiredServerKey#exportSecret}). <b>Warning:</b> a key rotated because it leaked must not
 * be given as a retired key: its holder could then forge seals this server accepts. Without it, a
 * group whose newest entry carries only the leaked key's seal fails closed ({@link
 * LogIntegrityException}) until the host re-creates or otherwise repairs it.
 *
 * <p>Decoded author public keys are cached (at most {@value #AUTHOR_KEY_CACHE_SIZE}), keyed by the
 * key bytes the {@link MemberKeyDirectory} returns, so a key change in the directory takes effect
 * at once; signed heads are cached too (at most {@value #HEAD_CACHE_SIZE}).
 *
 * <p>Thread-safe: concurrent changes to one group are serialized by the store's compare-and-set, so
 * of several changes for the same version exactly one is applied and the others get a conflict.
 */
public final class GroupServer {
  /** The largest page of log entries one read returns. */
  public static final int MAX_PAGE_SIZE = 1000;

  /** How many decoded author public keys one server keeps. */
  public static final int AUTHOR_KEY_CACHE_SIZE = 65_536;

  /** How many signed heads one server keeps. */
  public static final int HEAD_CACHE_SIZE = 16_384;

  /**
   * The most retired server keys one server accepts seals from. A hand-over needs one; a few allow
   * a second rotation before every group has moved off the first. Each one is a key whose holder
   * can make seals this server accepts, so the list is kept short.
   */
  public static final int MAX_RETIRED_SERVER_KEYS = 4;

  private final GroupStore store;
  private final MemberKeyDirectory keys;
  private final SigningKey serverKey;
  private final List<RetiredServerKey> retiredKeys;
  private final OperationGuard guard;
  private final PublicKeyCache authorKeys = new PublicKeyCache(AUTHOR_KEY_CACHE_SIZE);
  private final Cache<HeadKey, SignedHead> heads =
      Caffeine.newBuilder().maximumSize(HEAD_CACHE_SIZE).build();

  private record HeadKey(GroupId groupId, long version) {}

  private GroupServer(Builder b) {
    this.store = b.store;
    this.keys = b.keys;
    this.serverKey = b.serverKey;
    this.retiredKeys = b.retiredKeys;
    this.guard = b.guard;
  }

  /** Starts a server over {@code store}, verifying authors with {@code keys}, signing the log. */
  public static Builder builder(GroupStore store, MemberKeyDirectory keys, SigningKey serverKey) {
    return new Builder(store, keys, serverKey);
  }

  /**
   * The public key that verifies this server's {@link SignedHead signed heads}: the current {@code
   * serverKey}'s, never a retired key's.
   */
  public byte[] serverPublicKey() {
    return serverKey.publicKey();
  }

  /**
   * Stores a new group; the host authenticates its creator and builds {@code initial} (version 0,
   * at least one administrator).
   *
   * @return whether it was created ({@code false} if the ID is taken)
   * @throws IllegalArgumentException if {@code initial} is not at version 0 or has no members
   */
  public boolean create(GroupState initial) {
    Checks.requireNonNull(initial, "initial");
    Checks.requireArgument(initial.version() == 0, "a new group must be at version 0");
    Checks.requireArgument(!initial.members().isEmpty(), "a new group must have a member");
    return store.create(initial);
  }

  /** The current state as the store has it, or {@code null}. For the host's own use. */
  public @Nullable GroupState load(GroupId groupId) {
    return store.load(groupId);
  }

  /**
   * Parses and applies an encoded change; malformed bytes are refused with {@link
   * Refusal#MALFORMED}.
   *
   * @throws LogIntegrityException if the stored log's newest entry is sealed by none of this
   *     server's keys (current or retired)
   */
  public ApplyResult apply(byte[] encodedChange) {
    GroupChange change;
    try {
      change = GroupChangeCodec.decode(encodedChange);
    } catch (MalformedEncodingException e) {
      return new ApplyResult.Refused(Refusal.MALFORMED, -1);
    }
    return apply(change);
  }

  /**
   * Applies a change; see the class documentation for the steps.
   *
   * @throws LogIntegrityException if the stored log's newest entry is sealed by none of this
   *     server's keys (current or retired)
   */
  public ApplyResult apply(GroupChange change) {
    byte[] encoded = change.encodingRef();
    GroupId groupId = change.groupId();
    UUID author = change.author();
    if (!guard.permit(groupId, author, OperationGuard.Operation.APPLY_CHANGE)) {
      return refused(Refusal.RATE_LIMITED);
    }
    GroupState current = store.load(groupId);
    if (current == null) {
      return refused(Refusal.NO_SUCH_GROUP);
    }
    byte[] publicKey = keys.publicKey(author);
    if (publicKey == null) {
      return refused(Refusal.UNKNOWN_AUTHOR);
    }
    if (!authorKeys.verify(
        publicKey, GroupChangeCodec.signingInput(encoded), change.signatureRef())) {
      return refused(Refusal.BAD_SIGNATURE);
    }
    if (change.targetVersion() != current.version() + 1) {
      return conflict(current, author);
    }
    ChangeApplier applier = new ChangeApplier(current, author);
    Refusal refusal = applier.applyAll(change.actions());
    if (refusal != null) {
      return new ApplyResult.Refused(refusal, applier.refusedIndex());
    }
    EpochPackages packages = change.epochPackages();
    if (!packagesAcceptable(current, applier, packages)) {
      return refused(Refusal.KEY_PACKAGES);
    }
    GroupState next;
    try {
      next = applier.result(packages == null ? current.keyEpoch() : packages.epoch());
    } catch (IllegalArgumentException invalid) {
      return refused(Refusal.INVALID_RESULT);
    }
    byte[] previousHash = previousHash(groupId, current.version());
    LogEntry entry = LogEntry.seal(groupId, next.version(), encoded, previousHash, serverKey);
    if (!store.compareAndSet(current.version(), next, entry, packages)) {
      GroupState now = store.load(groupId);
      return now == null ? refused(Refusal.NO_SUCH_GROUP) : conflict(now, author);
    }
    return new ApplyResult.Applied(next, entry);
  }

  private static boolean packagesAcceptable(
      GroupState current, ChangeApplier applier, @Nullable EpochPackages packages) {
    if (packages == null) {
      return applier.removedMembers().isEmpty();
    }
    Set<UUID> resulting = applier.memberIds();
    return packages.epoch() == current.keyEpoch() + 1 && packages.recipients().equals(resulting);
  }

  private byte[] previousHash(GroupId groupId, long version) {
    if (version == 0) {
      return LogEntry.genesisHash(groupId);
    }
    List<LogEntry> last = store.readLog(groupId, version, 1);
    if (last.isEmpty() || last.get(0).version() != version) {
      throw new LogIntegrityException(version);
    }
    LogEntry e = last.get(0);
    if (!sealedByHeldKey(e)) {
      throw new LogIntegrityException(version);
    }
    return e.hash();
  }

  /** Whether the current key or a retired key sealed {@code entry}. */
  private boolean sealedByHeldKey(LogEntry entry) {
    return entry.sealedBy(serverKey) || retiredKeySealing(entry) != null;
  }

  private @Nullable RetiredServerKey retiredKeySealing(LogEntry entry) {
    for (RetiredServerKey k : retiredKeys) {
      if (entry.sealedBy(k)) {
        return k;
      }
    }
    return null;
  }

  /**
   * The signed head at {@code entry}, which must carry the seal of the current or a retired key;
   * always signed by the current key.
   */
  private SignedHead headAt(GroupId groupId, LogEntry entry) {
    if (!entry.groupId().equals(groupId) || !sealedByHeldKey(entry)) {
      throw new LogIntegrityException(entry.version());
    }
    return heads.get(
        new HeadKey(groupId, entry.version()),
        k -> SignedHead.sign(groupId, entry.version(), entry.hashRef(), serverKey));
  }

  /** The signed head at the current version of {@code state}'s group. */
  private SignedHead currentHead(GroupState state) {
    GroupId groupId = state.groupId();
    long version = state.version();
    if (version == 0) {
      return heads.get(
          new HeadKey(groupId, 0),
          k -> SignedHead.sign(groupId, 0, LogEntry.genesisHash(groupId), serverKey));
    }
    return headAt(groupId, newestEntry(groupId, version));
  }

  /** The stored entry at {@code version} ({@literal >= 1}), which must be there. */
  private LogEntry newestEntry(GroupId groupId, long version) {
    List<LogEntry> last = store.readLog(groupId, version, 1);
    if (last.isEmpty() || last.get(0).version() != version) {
      throw new LogIntegrityException(version);
    }
    return last.get(0);
  }

  private static ApplyResult conflict(GroupState current, UUID author) {
    return current.isMember(author)
        ? new ApplyResult.Conflict(current)
        : refused(Refusal.NOT_A_MEMBER);
  }

  private static ApplyResult refused(Refusal reason) {
    return new ApplyResult.Refused(reason, -1);
  }

  /**
   * The signed head at {@code groupId}'s current version, for the host and its auditors (members
   * get heads with {@link #readLog}). Signs it if no head for that version is cached.
   *
   * @return the head, or {@code null} if there is no such group
   * @throws LogIntegrityException if the stored newest entry is sealed by none of this server's
   *     keys (current or retired)
   */
  public @Nullable SignedHead signedHead(GroupId groupId) {
    Checks.requireNonNull(groupId, "groupId");
    GroupState state = store.load(groupId);
    return state == null ? null : currentHead(state);
  }

  /**
   * The public key of the {@link Builder#retiredServerKeys retired key} that {@code groupId}'s
   * newest log entry depends on, for the host that wants to know when a retired key can be dropped:
   * once this is {@code null} for every group the host keeps, no group needs any retired key. Costs
   * one state load, one one-entry log read and a seal check per key; asks no {@link
   * OperationGuard}, signs nothing and changes nothing. A group moves off its retired key with its
   * next accepted change (the new entry is sealed by the current key); a group that never changes
   * keeps depending on it.
   *
   * @return a copy of that retired key's public key, or {@code null} if the group's newest entry
   *     carries the current key's seal, the group has no entry yet, or there is no such group
   * @throws LogIntegrityException if the stored newest entry is sealed by none of this server's
   *     keys
   */
  public byte @Nullable [] retiredKeyNeededBy(GroupId groupId) {
    Checks.requireNonNull(groupId, "groupId");
    GroupState state = store.load(groupId);
    if (state == null || state.version() == 0) {
      return null;
    }
    LogEntry newest = newestEntry(groupId, state.version());
    if (!newest.groupId().equals(groupId)) {
      throw new LogIntegrityException(newest.version());
    }
    if (newest.sealedBy(serverKey)) {
      return null;
    }
    RetiredServerKey retired = retiredKeySealing(newest);
    if (retired == null) {
      throw new LogIntegrityException(newest.version());
    }
    return retired.publicKey();
  }

  /**
   * A page of {@code groupId}'s change log for {@code reader}, from {@code fromVersion}, which must
   * not be before the version at which the reader (a current member) joined, with a signed head at
   * the page's last entry (or, past the end, at the current version) that authenticates the page:
   * see {@link ChangeLog#verify(GroupId, byte[], byte[], LogPage)}.
   *
   * @param pageSize 1 to {@value #MAX_PAGE_SIZE}
   * @return up to {@code pageSize} entries in version order (none past the end) and their head, or
   *     a denial
   * @throws LogIntegrityException if the store's entry at the head is sealed by none of this
   *     server's keys (current or retired)
   */
  public ReadResult<LogPage> readLog(GroupId groupId, UUID reader, long fromVersion, int pageSize) {
    Checks.requireInRange("pageSize", pageSize, 1, MAX_PAGE_SIZE);
    Checks.requireInRange("fromVersion", fromVersion, 1, Long.MAX_VALUE);
    if (!guard.permit(groupId, reader, OperationGuard.Operation.READ_LOG)) {
      return new ReadResult.Denied<>(Refusal.RATE_LIMITED);
    }
    GroupState state = store.load(groupId);
    if (state == null) {
      return new ReadResult.Denied<>(Refusal.NO_SUCH_GROUP);
    }
    Member member = state.members().get(reader);
    if (member == null) {
      return new ReadResult.Denied<>(Refusal.NOT_A_MEMBER);
    }
    if (fromVersion < member.joinedAtVersion()) {
      return new ReadResult.Denied<>(Refusal.BEFORE_JOIN);
    }
    List<LogEntry> entries = store.readLog(groupId, fromVersion, pageSize);
    SignedHead head =
        entries.isEmpty() ? currentHead(state) : headAt(groupId, entries.get(entries.size() - 1));
    return new ReadResult.Granted<>(new LogPage(entries, head));
  }

  /**
   * {@code reader}'s own key package for {@code epoch}. Only the package addressed to the reader is
   * ever served, and only for epochs in which it was a member (packages exist exactly for the
   * members of their epoch), so a removed member never receives a package of a later epoch.
   */
  public ReadResult<byte[]> keyPackage(GroupId groupId, UUID reader, long epoch) {
    Checks.requireInRange("epoch", epoch, 1, Long.MAX_VALUE);
    if (!guard.permit(groupId, reader, OperationGuard.Operation.FETCH_KEY_PACKAGE)) {
      return new ReadResult.Denied<>(Refusal.RATE_LIMITED);
    }
    byte[] pkg = store.keyPackage(groupId, epoch, reader);
    return pkg == null
        ? new ReadResult.Denied<>(Refusal.NOT_A_MEMBER)
        : new ReadResult.Granted<>(pkg);
  }

  /** Configures a {@link GroupServer}. Not thread-safe. */
  public static final class Builder {
    private final GroupStore store;
    private final MemberKeyDirectory keys;
    private final SigningKey serverKey;
    private List<RetiredServerKey> retiredKeys = List.of();
    private OperationGuard guard = OperationGuard.permitAll();

    private Builder(GroupStore store, MemberKeyDirectory keys, SigningKey serverKey) {
      this.store = Checks.requireNonNull(store, "store");
      this.keys = Checks.requireNonNull(keys, "keys");
      this.serverKey = Checks.requireNonNull(serverKey, "serverKey");
    }

    /** Sets the rate-limiting hook (default: permit everything). */
    @CanIgnoreReturnValue
    public Builder guard(OperationGuard guard) {
      this.guard = Checks.requireNonNull(guard, "guard");
      return this;
    }

    /**
     * Sets the retired forms of the server keys this server's {@code serverKey} replaces (default:
     * none), so that it takes over the logs they sealed: a group's newest log entry is accepted if
     * the current key or one of these sealed it. They never seal a new entry nor sign a head; the
     * current key does both. Replaces any keys set before; with no arguments, the server holds no
     * retired key. A {@link RetiredServerKey} holds no private seed, so the old seed can be
     * destroyed once its retired form is made ({@link RetiredServerKey#of}) and stored ({@link
     * RetiredServerKey#exportSecret}).
     *
     * <p>Retired keys vouch only for entries sealed before the rotation, and a group's newest entry
     * moves to the current key with its next accepted change; {@link
     * GroupServer#retiredKeyNeededBy} says which groups still depend on a retired key, and once
     * none does, drop it. <b>Warning:</b> never give a key that leaked: whoever holds it could
     * forge seals this server would accept. Left out, it makes the groups whose newest entry only
     * it sealed fail closed ({@link LogIntegrityException}) until the host re-creates or otherwise
     * repairs them.
     *
     * @param keys up to {@value GroupServer#MAX_RETIRED_SERVER_KEYS} keys; none of them null, the
     *     retired form of the current {@code serverKey}, or given twice (keys are compared by
     *     public key)
     * @throws NullPointerException if {@code keys} or one of its elements is null
     * @throws IllegalArgumentException if there are too many keys, a key has the current server
     *     key's public key or two keys have the same public key (the message names positions, never
     *     key material)
     */
    @CanIgnoreReturnValue
    public Builder retiredServerKeys(RetiredServerKey... keys) {
      Checks.requireNonNull(keys, "retiredServerKeys");
      Checks.requireArgument(
          keys.length <= MAX_RETIRED_SERVER_KEYS,
          "retiredServerKeys must hold at most %d keys, got %d",
          MAX_RETIRED_SERVER_KEYS,
          keys.length);
      byte[] current = serverKey.publicKey();
      byte[][] seen = new byte[keys.length][];
      for (int i = 0; i < keys.length; i++) {
        RetiredServerKey k = Checks.requireNonNull(keys[i], "retiredServerKeys[" + i + "]");
        seen[i] = k.publicKey();
        Checks.requireArgument(
            !Arrays.equals(seen[i], current),
            "retiredServerKeys[%d] is the current serverKey; a key is either current or retired",
            i);
        for (int j = 0; j < i; j++) {
          Checks.requireArgument(
              !Arrays.equals(seen[i], seen[j]),
              "retiredServerKeys[%d] is the same key as retiredServerKeys[%d]",
              i,
              j);
        }
      }
      this.retiredKeys = List.of(keys);
      return this;
    }

    /** Builds the server. */
    public GroupServer build() {
      return new GroupServer(this);
    }
  }
}
