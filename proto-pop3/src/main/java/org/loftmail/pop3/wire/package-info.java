/**
 * What goes back to the client: status lines with RFC 2449/3206 response codes, multi-line
 * responses, capabilities, and messages converted to the wire form (CRLF, dot-stuffed) on the fly.
 */
package org.loftmail.pop3.wire;
