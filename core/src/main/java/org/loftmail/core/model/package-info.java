/** Value types of the mail model: users, mailbox names, GUIDs, flags. No I/O. */
package org.loftmail.core.model;
