package dev.bulwark.groups;

/**
 * The encrypted attribute blobs a group carries. The server never sees their plaintext; it only
 * bounds their size.
 */
public enum Attribute {
  /** The encrypted title. */
  TITLE(1024),
  /** The encrypted description. */
  DESCRIPTION(8192),
  /** The encrypted avatar reference (a pointer to the avatar, not the image). */
  AVATAR(1024);

  private final int maxBytes;

  Attribute(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** The largest blob accepted for this attribute, in bytes. */
  public int maxBytes() {
    return maxBytes;
  }
}
