package org.loftmail.imap.wire;

/** The status word of a status response: tagged OK/NO/BAD, untagged also PREAUTH and BYE. */
public enum Condition {
    OK, NO, BAD, PREAUTH, BYE
}
