/**
 * What FETCH and SEARCH see of one message of the selected mailbox: its index record and,
 * loaded only when asked, its summary and bytes.
 */
package org.loftmail.imap.message;
