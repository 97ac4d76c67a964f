/** Placeholder for passdb/userdb drivers, password schemes, SASL and the auth socket (issue 4). */
package org.loftmail.auth;
