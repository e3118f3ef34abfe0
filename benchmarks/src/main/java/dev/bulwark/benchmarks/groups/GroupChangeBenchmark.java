package dev.bulwark.benchmarks.groups;

import dev.bulwark.groups.ApplyResult;
import dev.bulwark.groups.Attribute;
import dev.bulwark.groups.GroupAction;
import dev.bulwark.groups.GroupChange;
import dev.bulwark.groups.GroupChangeCodec;
import dev.bulwark.groups.GroupId;
import dev.bulwark.groups.GroupServer;
import dev.bulwark.groups.GroupState;
import dev.bulwark.groups.LogPage;
import dev.bulwark.groups.ReadResult;
import dev.bulwark.groups.Role;
import dev.bulwark.groups.SigningKey;
import dev.bulwark.groups.memory.MemoryGroupStore;
import dev.bulwark.groups.memory.MemoryMemberKeyDirectory;
import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Applying a typical change (an administrator replaces the encrypted title) with {@link
 * GroupServer#apply(GroupChange)} on the in-memory store: Ed25519 verification of the author's
 * signature (decoded key cached), authorization, the new state, a hash-chained log entry sealed
 * with HMAC-SHA256 (the server signs heads when the log is read, not entries) and the
 * compare-and-set. {@code applyEncodedChange} is the same from the wire bytes ({@link
 * GroupServer#apply(byte[])}), parsing included. {@code readNewHead} is what a reader pays when it
 * is the first to read a new version: one Ed25519 signature of the head (later readers get it from
 * the cache).
 *
 * <p>Baselines in the same run: one bare Bouncy Castle Ed25519 verification of the same signing
 * input, through the low-level {@code rfc8032.Ed25519.verify} with the key as bytes (what the
 * server called before keys were cached) and through {@code Ed25519Signer} with a decoded public
 * key; and, as a diagnostic, verify then sign, the floor of the previous format that signed every
 * log entry.
 *
 * <p>Changes are signed in advance for versions 1 to {@code POOL} of one group; every iteration
 * starts from a fresh store with the group at version 0, and each call applies the next change, so
 * every call is an accepted change. A run that would exhaust the pool fails loudly.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class GroupChangeBenchmark {
  private static final int POOL = 60_000;

  @Param({"10", "1000"})
  public int members;

  private SigningKey serverKey;
  private MemoryMemberKeyDirectory directory;
  private GroupState initial;
  private GroupChange[] changes;
  private byte[][] encodedChanges;
  private GroupServer server;
  private GroupId groupId;
  private UUID admin;
  private int next;

  private byte[] publicKey;
  private Ed25519PublicKeyParameters publicKeyParameters;
  private byte[] message;
  private byte[] signature;
  private byte[] serverSeed;
  private byte[] logHash;

  @Setup(Level.Trial)
  public void signChanges() {
    SecureRandom random = new SecureRandom();
    serverKey = SigningKey.generate(random);
    SigningKey adminKey = SigningKey.generate(random);
    admin = UUID.randomUUID();
    directory = MemoryMemberKeyDirectory.create();
    directory.register(admin, adminKey.publicKey());
    groupId = GroupId.random(random);
    GroupState.Builder b =
        GroupState.builder(groupId)
            .maxSize(Math.max(members, 10))
            .member(admin, Role.ADMINISTRATOR, 0);
    for (int i = 1; i < members; i++) {
      b.member(UUID.randomUUID(), Role.MEMBER, 0);
    }
    initial = b.build();
    int pool = POOL;
    changes = new GroupChange[pool];
    encodedChanges = new byte[pool][];
    for (int v = 1; v <= pool; v++) {
      byte[] title = new byte[64];
      title[0] = (byte) v;
      changes[v - 1] =
          GroupChange.builder(groupId, v, admin)
              .action(new GroupAction.ModifyAttribute(Attribute.TITLE, title))
              .sign(adminKey);
      encodedChanges[v - 1] = GroupChangeCodec.encode(changes[v - 1]);
    }
    publicKey = adminKey.publicKey();
    publicKeyParameters = new Ed25519PublicKeyParameters(publicKey, 0);
    message = GroupChangeCodec.signingInput(changes[0]);
    signature = changes[0].signature();
    serverSeed = new byte[Ed25519.SECRET_KEY_SIZE];
    random.nextBytes(serverSeed);
    logHash = new byte[32];
    random.nextBytes(logHash);
  }

  @Setup(Level.Iteration)
  public void freshStore() {
    MemoryGroupStore store = MemoryGroupStore.create();
    server = GroupServer.builder(store, directory, serverKey).build();
    if (!server.create(initial)) {
      throw new IllegalStateException("group exists");
    }
    next = 0;
  }

  @Benchmark
  public ApplyResult applyChange() {
    if (next == changes.length) {
      throw new IllegalStateException("change pool exhausted: raise POOL or shorten iterations");
    }
    ApplyResult r = server.apply(changes[next++]);
    if (!r.isApplied()) {
      throw new IllegalStateException("not applied: " + r);
    }
    return r;
  }

  @Benchmark
  public ApplyResult applyEncodedChange() {
    if (next == encodedChanges.length) {
      throw new IllegalStateException("change pool exhausted: raise POOL or shorten iterations");
    }
    ApplyResult r = server.apply(encodedChanges[next++]);
    if (!r.isApplied()) {
      throw new IllegalStateException("not applied: " + r);
    }
    return r;
  }

  /**
   * One accepted change, then the first read of the new version's log page: the change plus one
   * Ed25519 signature of the head. The worst case for a group whose every change is read at once.
   */
  @Benchmark
  public ReadResult<LogPage> applyThenReadNewHead() {
    applyChange();
    ReadResult<LogPage> r = server.readLog(groupId, admin, next, 1);
    if (!(r instanceof ReadResult.Granted<LogPage> g) || g.value().entries().size() != 1) {
      throw new IllegalStateException("not read: " + r);
    }
    return r;
  }

  @Benchmark
  public boolean bouncyCastleVerifyLowLevel() {
    return Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
  }

  /**
   * Diagnostic, not a baseline: the two Ed25519 operations every accepted change cost in log format
   * 1, the author's signature verified and the log entry's hash signed by the server.
   */
  @Benchmark
  public byte[] bouncyCastleVerifyThenSign() {
    if (!Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length)) {
      throw new IllegalStateException("baseline signature must verify");
    }
    byte[] out = new byte[Ed25519.SIGNATURE_SIZE];
    Ed25519.sign(serverSeed, 0, logHash, 0, logHash.length, out, 0);
    return out;
  }

  @Benchmark
  public boolean bouncyCastleVerifySigner() {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(false, publicKeyParameters);
    signer.update(message, 0, message.length);
    return signer.verifySignature(signature);
  }
}
