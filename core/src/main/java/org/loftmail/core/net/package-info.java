/** Listening sockets shared by the protocol servers: unix socket files as Dovecot's unix_listener makes them. */
package org.loftmail.core.net;
