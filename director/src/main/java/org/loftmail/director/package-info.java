/** Placeholder for the director: routes each user to one backend and proxies the connection. */
package org.loftmail.director;
