/** Reading mbox files (mboxrd/mboxo) for import. */
package org.loftmail.server.mbox;
