/** In-process fan-out of committed changes to IDLE/NOTIFY sessions and replication. */
package org.loftmail.core.event;
