package org.loftmail.lmtp;

import org.loftmail.core.model.UserId;

/**
 * An accepted {@code RCPT TO}: the address as the MTA gave it and the user it belongs to.
 *
 * @param detail the part after the recipient delimiter ({@code box} of {@code user+box}), or empty
 */
record Recipient(MailPath path, UserId user, String detail) {
}
