/** Frames POP3 client lines with a length limit; no parsing, no I/O beyond the Netty pipeline. */
package org.loftmail.pop3.codec;
