/**
 * The IMAP4rev1/IMAP4rev2 server: {@code codec} frames lines and literals, {@code parse} turns
 * frames into typed commands, {@code wire} writes responses into pooled buffers.
 */
package org.loftmail.imap;
