/** Placeholder for the IMAP4rev1/IMAP4rev2 server (issue 3). */
package org.loftmail.imap;
