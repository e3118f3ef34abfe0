/** Implementation details; not exported, not part of the API, may change at any time. */
@NullMarked
package dev.bulwark.groups.internal;

import org.jspecify.annotations.NullMarked;
