/** The loft launcher: configuration, the single-node assembly, and the admin CLI. */
package org.loftmail.server;
