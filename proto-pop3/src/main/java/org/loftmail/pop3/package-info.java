/** Placeholder for the POP3 server (issue 5). */
package org.loftmail.pop3;
