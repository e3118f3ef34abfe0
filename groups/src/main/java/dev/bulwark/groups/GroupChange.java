package dev.bulwark.groups;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.groups.internal.Checks;
import dev.bulwark.groups.internal.Ed25519s;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A signed change to a group: its actions, applied in order; the author; the target version (the
 * current version plus one); optional key packages for the next key epoch; and the author's Ed25519
 * signature over {@link GroupChangeCodec#signingInput(GroupChange)}, which binds the group ID, the
 * target version, the author, every action and the packages.
 *
 * <p>Immutable. {@code toString()} prints the target version and the action kinds only.
 */
public final class GroupChange {
  /** The most actions one change may carry. */
  public static final int MAX_ACTIONS = 1024;

  private final GroupId groupId;
  private final long targetVersion;
  private final UUID author;
  private final List<GroupAction> actions;
  private final @Nullable EpochPackages epochPackages;
  private final byte[] signature;
  // The canonical encoding, signature included: made once, never re-encoded.
  private final byte[] encoding;

  GroupChange(
      GroupId groupId,
      long targetVersion,
      UUID author,
      List<GroupAction> actions,
      @Nullable EpochPackages epochPackages,
      byte[] signature) {
    this(groupId, targetVersion, author, actions, epochPackages, signature, null);
  }

  /**
   * With {@code encoding} the canonical encoding of exactly these fields (owned by the new change),
   * or {@code null} to encode them.
   */
  GroupChange(
      GroupId groupId,
      long targetVersion,
      UUID author,
      List<GroupAction> actions,
      @Nullable EpochPackages epochPackages,
      byte[] signature,
      byte @Nullable [] encoding) {
    Checks.requireNonNull(groupId, "groupId");
    Checks.requireInRange("targetVersion", targetVersion, 1, Long.MAX_VALUE);
    Checks.requireNonNull(author, "author");
    Checks.requireInRange("action count", actions.size(), 1, MAX_ACTIONS);
    Checks.requireArgument(
        signature.length == Ed25519s.SIGNATURE_LENGTH,
        "signature must be %d bytes, got %d",
        Ed25519s.SIGNATURE_LENGTH,
        signature.length);
    this.groupId = groupId;
    this.targetVersion = targetVersion;
    this.author = author;
    this.actions = List.copyOf(actions);
    this.epochPackages = epochPackages;
    this.signature = signature.clone();
    this.encoding = encoding != null ? encoding : GroupChangeCodec.encodeFields(this);
  }

  /** Starts a change to {@code groupId} at {@code targetVersion} by {@code author}. */
  public static Builder builder(GroupId groupId, long targetVersion, UUID author) {
    return new Builder(groupId, targetVersion, author);
  }

  /** The group. */
  public GroupId groupId() {
    return groupId;
  }

  /** The version this change produces: it applies only to the state one version below. */
  public long targetVersion() {
    return targetVersion;
  }

  /** The author, whose registered key must verify the signature. */
  public UUID author() {
    return author;
  }

  /** The actions, in order (unmodifiable). */
  public List<GroupAction> actions() {
    return actions;
  }

  /** The next epoch's key packages, or {@code null} if this change does not open an epoch. */
  public @Nullable EpochPackages epochPackages() {
    return epochPackages;
  }

  /** A copy of the 64-byte signature. */
  public byte[] signature() {
    return signature.clone();
  }

  /** This change with another signature (for example one made by a hardware key). */
  public GroupChange withSignature(byte[] signature) {
    Checks.requireNonNull(signature, "signature");
    byte[] e = encoding.clone();
    if (signature.length == Ed25519s.SIGNATURE_LENGTH) {
      System.arraycopy(signature, 0, e, e.length - signature.length, signature.length);
    }
    return new GroupChange(groupId, targetVersion, author, actions, epochPackages, signature, e);
  }

  /** The signature without a copy; callers in this package must not modify it. */
  byte[] signatureRef() {
    return signature;
  }

  /** The canonical encoding without a copy; callers in this package must not modify it. */
  byte[] encodingRef() {
    return encoding;
  }

  @Override
  public String toString() {
    return "GroupChange[targetVersion=" + targetVersion + ", actions=" + actions + "]";
  }

  /** Collects the parts of a change and signs it. Not thread-safe. */
  public static final class Builder {
    private final GroupId groupId;
    private final long targetVersion;
    private final UUID author;
    private final List<GroupAction> actions = new ArrayList<>();
    private @Nullable EpochPackages epochPackages;

    private Builder(GroupId groupId, long targetVersion, UUID author) {
      this.groupId = Checks.requireNonNull(groupId, "groupId");
      this.targetVersion = Checks.requireInRange("targetVersion", targetVersion, 1, Long.MAX_VALUE);
      this.author = Checks.requireNonNull(author, "author");
    }

    /** Appends an action. */
    @CanIgnoreReturnValue
    public Builder action(GroupAction action) {
      actions.add(Checks.requireNonNull(action, "action"));
      return this;
    }

    /** Attaches the next epoch's key packages. */
    @CanIgnoreReturnValue
    public Builder epochPackages(EpochPackages packages) {
      this.epochPackages = Checks.requireNonNull(packages, "packages");
      return this;
    }

    /**
     * Signs the change with the author's key.
     *
     * @throws IllegalArgumentException if there are no actions or more than {@link #MAX_ACTIONS}
     */
    public GroupChange sign(SigningKey authorKey) {
      Checks.requireNonNull(authorKey, "authorKey");
      GroupChange unsigned =
          new GroupChange(
              groupId,
              targetVersion,
              author,
              actions,
              epochPackages,
              new byte[Ed25519s.SIGNATURE_LENGTH]);
      return unsigned.withSignature(authorKey.sign(GroupChangeCodec.signingInput(unsigned)));
    }
  }
}
