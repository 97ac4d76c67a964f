/** Placeholder for the Sieve (RFC 5228) parser and interpreter run at delivery. */
package org.loftmail.sieve;
