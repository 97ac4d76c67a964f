/** Placeholder for LMTP delivery (issue 5). */
package org.loftmail.lmtp;
