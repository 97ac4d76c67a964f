/** Placeholder for the ManageSieve server. */
package org.loftmail.managesieve;
