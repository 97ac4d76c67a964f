package org.loftmail.core.mime;

/** One Content-Type or Content-Disposition parameter as BODYSTRUCTURE lists it. */
record MimeParam(String name, String value) {
}
