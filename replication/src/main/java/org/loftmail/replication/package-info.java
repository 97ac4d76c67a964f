/** Placeholder for replication of each user's change log to a partner backend over JGroups. */
package org.loftmail.replication;
