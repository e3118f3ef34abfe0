package dev.bulwark.ratelimit.challenge;

/** The kinds of challenge a token can be issued for; bound into the token's signature. */
public enum ChallengeKind {
  /** SHA-256 hashcash: the client spends CPU time. */
  PROOF_OF_WORK(1),
  /** A random code delivered through the host's push channel to a registered device. */
  PUSH(2),
  /** A captcha checked server-side with its provider. */
  CAPTCHA(3);

  final byte code;

  ChallengeKind(int code) {
    this.code = (byte) code;
  }

  static ChallengeKind ofCode(byte code) {
    for (ChallengeKind k : values()) {
      if (k.code == code) {
        return k;
      }
    }
    return null;
  }
}
