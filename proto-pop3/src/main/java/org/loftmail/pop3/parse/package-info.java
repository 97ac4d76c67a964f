/** Turns one POP3 line into a typed {@link org.loftmail.pop3.parse.Pop3Command}; no I/O, no state. */
package org.loftmail.pop3.parse;
