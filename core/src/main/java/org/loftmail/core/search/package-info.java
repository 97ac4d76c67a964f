/** Search, sort and threading vocabulary shared by the index and IMAP. */
package org.loftmail.core.search;
